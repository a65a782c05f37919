"""Diagnose: suspects from tracebacks, syntax errors and coverage (SBFL), and the code
context around them."""
