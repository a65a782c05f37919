"""Bracket tables, written the way tax authorities publish them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bracket:
    lower: int
    upper: int | None  # None for the top bracket
    rate: int  # percent, e.g. 22 for 22%

    def contains(self, amount: Decimal) -> bool:
        return amount > self.lower and (self.upper is None or amount <= self.upper)


SINGLE_2024: tuple[Bracket, ...] = (
    Bracket(0, 11_600, 10),
    Bracket(11_600, 47_150, 12),
    Bracket(47_150, 100_525, 22),
    Bracket(100_525, 191_950, 24),
    Bracket(191_950, 243_725, 32),
    Bracket(243_725, 609_350, 35),
    Bracket(609_350, None, 37),
)

STANDARD_DEDUCTION = Decimal(14_600)


def marginal_rate(taxable: Decimal | int, brackets: tuple[Bracket, ...] = SINGLE_2024) -> int:
    """The percentage charged on the last dollar of ``taxable`` income (0 for none)."""
    amount = Decimal(taxable)
    for bracket in brackets:
        if bracket.contains(amount):
            return bracket.rate
    return 0
