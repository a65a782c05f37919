class VMError(Exception):
    """A program that cannot be run: bad syntax, an unknown word, or a runtime fault."""
