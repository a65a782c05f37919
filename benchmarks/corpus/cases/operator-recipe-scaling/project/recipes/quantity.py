"""Amounts with kitchen units, kept as exact fractions."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# unit -> (base unit, how many base units one of it is)
UNITS: dict[str, tuple[str, Fraction]] = {
    "g": ("g", Fraction(1)),
    "kg": ("g", Fraction(1000)),
    "ml": ("ml", Fraction(1)),
    "l": ("ml", Fraction(1000)),
    "tsp": ("ml", Fraction(5)),
    "tbsp": ("ml", Fraction(15)),
    "cup": ("ml", Fraction(240)),
    "": ("", Fraction(1)),  # countable things: eggs, lemons
}


def format_amount(amount: Fraction) -> str:
    """``Fraction(3, 2)`` -> ``"1 1/2"``; whole numbers print without a fraction."""
    whole, rest = divmod(amount.numerator, amount.denominator)
    if rest == 0:
        return str(whole)
    frac = f"{rest}/{amount.denominator}"
    return f"{whole} {frac}" if whole else frac


@dataclass(frozen=True)
class Quantity:
    amount: Fraction
    unit: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        object.__setattr__(self, "amount", Fraction(self.amount))

    @classmethod
    def parse(cls, text: str) -> "Quantity":
        """``"1 1/2 cup"``, ``"200 g"``, ``"3"``."""
        parts = text.split()
        unit = parts.pop() if parts and parts[-1] in UNITS else ""
        if not parts:
            raise ValueError(f"no amount in {text!r}")
        return cls(sum((Fraction(p) for p in parts), Fraction(0)), unit)

    def to_base(self) -> "Quantity":
        base, factor = UNITS[self.unit]
        return Quantity(self.amount * factor, base)

    def __add__(self, other: "Quantity") -> "Quantity":
        a, b = self.to_base(), other.to_base()
        if a.unit != b.unit:
            raise ValueError(f"cannot add {self.unit or 'count'} and {other.unit or 'count'}")
        return Quantity(a.amount + b.amount, a.unit)

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.unit}".rstrip()
