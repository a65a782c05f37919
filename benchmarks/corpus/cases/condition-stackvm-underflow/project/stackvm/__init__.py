"""A tiny stack-based interpreter for arithmetic scripts."""

from stackvm.errors import VMError
from stackvm.lexer import tokenize
from stackvm.machine import Machine, run

__all__ = ["Machine", "VMError", "run", "tokenize"]
