"""Judge: guards against tampering with the tests, and the ranking of plausible fixes."""
