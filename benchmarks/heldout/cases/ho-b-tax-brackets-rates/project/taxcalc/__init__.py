"""Progressive income tax from a bracket table."""

from taxcalc.brackets import SINGLE_2024, STANDARD_DEDUCTION, Bracket, marginal_rate
from taxcalc.calculator import breakdown, effective_rate, tax_owed, taxable_income

__all__ = ["Bracket", "SINGLE_2024", "STANDARD_DEDUCTION", "breakdown", "effective_rate",
           "marginal_rate", "tax_owed", "taxable_income"]
