"""Amounts of money held as integer minor units (cents)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True, order=True)
class Money:
    currency: str
    cents: int

    @classmethod
    def parse(cls, text: str) -> "Money":
        """Read ``"12.50 EUR"`` style amounts."""
        try:
            number, currency = text.split()
            value = Decimal(number)
        except (ValueError, InvalidOperation):
            raise ValueError(f"not an amount: {text!r}") from None
        if value != value.quantize(Decimal("0.01")):
            raise ValueError(f"more than two decimals: {text!r}")
        return cls(currency.upper(), int(value * 100))

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(currency, 0)

    def _same(self, other: "Money") -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.currency, self.cents + other.cents)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.currency, self.cents - other.cents)

    def __str__(self) -> str:
        sign = "-" if self.cents < 0 else ""
        whole, frac = divmod(abs(self.cents), 100)
        return f"{sign}{whole}.{frac:02d} {self.currency}"
