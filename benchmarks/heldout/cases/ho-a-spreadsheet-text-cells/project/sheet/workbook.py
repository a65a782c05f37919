"""A sheet of cells holding literals or formulas (``=A1*2``, ``=SUM(A1:A4)``)."""

from __future__ import annotations

import re

from sheet.cells import coerce, expand_range, parse_ref

_FUNC = re.compile(r"^(SUM|AVG|MIN|MAX)\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)$")
_BINARY = re.compile(r"^([A-Z]+\d+|-?\d+(?:\.\d+)?)\s*([-+*/])\s*([A-Z]+\d+|-?\d+(?:\.\d+)?)$")
_REF_ONLY = re.compile(r"^[A-Z]+\d+$")


class CircularReference(Exception):
    pass


class Sheet:
    def __init__(self) -> None:
        self._raw: dict[str, str] = {}

    def set(self, ref: str, text: str) -> None:
        parse_ref(ref)
        self._raw[ref.upper()] = text

    def value(self, ref: str, _seen: frozenset[str] = frozenset()):
        ref = ref.upper()
        if ref in _seen:
            raise CircularReference(ref)
        raw = self._raw.get(ref, "")
        if not raw.startswith("="):
            return coerce(raw)
        return self._formula(raw[1:].strip().upper(), _seen | {ref})

    def _operand(self, token: str, seen):
        if _REF_ONLY.match(token):
            value = self.value(token, seen)
            return 0 if value is None else value
        return float(token) if "." in token else int(token)

    def _formula(self, expr: str, seen):
        match = _FUNC.match(expr)
        if match:
            name, spec = match.groups()
            values = [self.value(r, seen) for r in expand_range(spec)]
            numbers = [v for v in values if isinstance(v, (int, float))]
            if name == "SUM":
                return sum(numbers)
            if not numbers:
                return "#DIV/0!" if name == "AVG" else 0
            if name == "AVG":
                return sum(numbers) / len(numbers)
            return min(numbers) if name == "MIN" else max(numbers)
        match = _BINARY.match(expr)
        if match:
            left, op, right = match.groups()
            a, b = self._operand(left, seen), self._operand(right, seen)
            if not all(isinstance(x, (int, float)) for x in (a, b)):
                return "#VALUE!"
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            return "#DIV/0!" if b == 0 else a / b
        if _REF_ONLY.match(expr):
            return self._operand(expr, seen)
        return "#NAME?"
