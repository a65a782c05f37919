"""The machine: a data stack, built-in words, and user definitions (: name ... ;)."""

from __future__ import annotations

from typing import Callable

from stackvm.errors import VMError
from stackvm.lexer import tokenize


class Machine:
    def __init__(self) -> None:
        self.stack: list[int] = []
        self.output: list[int] = []
        self.words: dict[str, list[int | str]] = {}
        self._builtins: dict[str, Callable[[], None]] = {
            "+": lambda: self._binary(lambda a, b: a + b),
            "-": lambda: self._binary(lambda a, b: a - b),
            "*": lambda: self._binary(lambda a, b: a * b),
            "/": self._divide,
            "dup": self._dup,
            "drop": self._pop,
            "swap": self._swap,
            ".": lambda: self.output.append(self._pop()),
        }

    def _push(self, value: int) -> None:
        self.stack.append(value)

    def _pop(self) -> int:
        return self.stack.pop()

    def _binary(self, op: Callable[[int, int], int]) -> None:
        b = self._pop()
        a = self._pop()
        self._push(op(a, b))

    def _divide(self) -> None:
        b = self._pop()
        a = self._pop()
        if b == 0:
            raise VMError("division by zero")
        self._push(a // b)

    def _dup(self) -> None:
        value = self._pop()
        self._push(value)
        self._push(value)

    def _swap(self) -> None:
        b = self._pop()
        a = self._pop()
        self._push(b)
        self._push(a)

    def execute(self, tokens: list[int | str]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token == ":":
                end = tokens.index(";", i) if ";" in tokens[i:] else -1
                if end < 0 or end - i < 2 or not isinstance(tokens[i + 1], str):
                    raise VMError("a definition needs ': name ... ;'")
                self.words[str(tokens[i + 1])] = tokens[i + 2:end]
                i = end + 1
                continue
            if isinstance(token, int):
                self._push(token)
            elif token in self.words:
                self.execute(self.words[token])
            elif token in self._builtins:
                self._builtins[token]()
            else:
                raise VMError(f"unknown word {token!r}")
            i += 1


def run(source: str) -> Machine:
    """Run a program on a fresh machine and return the machine."""
    machine = Machine()
    machine.execute(tokenize(source))
    return machine
