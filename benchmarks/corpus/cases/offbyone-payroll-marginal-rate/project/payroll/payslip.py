"""What an employee is paid and what is withheld."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from payroll.brackets import CENT, Schedule


@dataclass(frozen=True)
class Payslip:
    employee: str
    annual_salary: int
    schedule: Schedule

    def monthly_gross(self) -> Decimal:
        return (Decimal(self.annual_salary) / 12).quantize(CENT)

    def monthly_withholding(self) -> Decimal:
        return (self.schedule.tax(self.annual_salary) / 12).quantize(CENT)

    def monthly_net(self) -> Decimal:
        return self.monthly_gross() - self.monthly_withholding()

    def bonus_withholding(self, bonus: int) -> Decimal:
        """Bonuses are withheld at the employee's marginal rate on their salary."""
        if bonus < 0:
            raise ValueError("bonus cannot be negative")
        return (bonus * self.schedule.marginal_rate(self.annual_salary)).quantize(CENT)
