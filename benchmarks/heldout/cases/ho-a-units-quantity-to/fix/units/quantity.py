"""A number together with its unit."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

from units.registry import convert, lookup


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str

    def __post_init__(self) -> None:
        lookup(self.unit)

    def to(self, unit: str) -> "Quantity":
        """The same quantity expressed in ``unit``."""
        value = convert(self.value, self.unit, unit)
        return Quantity(value, unit)

    def __add__(self, other: "Quantity") -> "Quantity":
        return Quantity(self.value + convert(other.value, other.unit, self.unit), self.unit)

    def isclose(self, other: "Quantity", rel: float = 1e-9) -> bool:
        return math.isclose(self.value, convert(other.value, other.unit, self.unit), rel_tol=rel)

    def __str__(self) -> str:
        return f"{self.value:g} {self.unit}"


def total(quantities: Iterable[Quantity], unit: str) -> Quantity:
    """The sum of ``quantities`` in ``unit``."""
    result = Quantity(0.0, unit)
    for q in quantities:
        result = result + q
    return result
