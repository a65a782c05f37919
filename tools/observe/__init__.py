"""Observe: run the tests and read what failed (JUnit XML, tracebacks)."""
