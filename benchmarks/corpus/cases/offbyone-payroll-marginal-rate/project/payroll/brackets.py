"""Progressive tax schedules."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Bracket:
    floor: int  # annual income at which this rate starts to apply
    rate: Decimal


class Schedule:
    def __init__(self, brackets: Iterable[Bracket]) -> None:
        ordered = sorted(brackets, key=lambda b: b.floor)
        if not ordered or ordered[0].floor != 0:
            raise ValueError("the first bracket must start at 0")
        floors = [b.floor for b in ordered]
        if len(set(floors)) != len(floors):
            raise ValueError("two brackets start at the same income")
        self.brackets = ordered
        self._floors = floors

    @classmethod
    def from_table(cls, rows: Iterable[tuple[int, str]]) -> "Schedule":
        return cls(Bracket(floor, Decimal(rate)) for floor, rate in rows)

    def marginal_rate(self, income: int) -> Decimal:
        """The rate on the next unit of income earned above ``income``.

        That is the rate of the bracket ``income`` falls in; an income exactly at
        a bracket's floor already falls in that bracket.
        """
        if income < 0:
            raise ValueError("income cannot be negative")
        return self.brackets[bisect_right(self._floors, income)].rate

    def tax(self, income: int) -> Decimal:
        """Total tax on ``income``: each slice taxed at its own bracket's rate."""
        if income < 0:
            raise ValueError("income cannot be negative")
        total = Decimal(0)
        uppers = self._floors[1:] + [None]
        for bracket, upper in zip(self.brackets, uppers):
            if income <= bracket.floor:
                break
            top = income if upper is None else min(income, upper)
            total += (top - bracket.floor) * bracket.rate
        return total.quantize(CENT)

    def effective_rate(self, income: int) -> Decimal:
        if income == 0:
            return Decimal(0)
        return (self.tax(income) / income).quantize(Decimal("0.0001"))
