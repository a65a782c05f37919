"""Tax owed on an income."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from taxcalc.brackets import SINGLE_2024, STANDARD_DEDUCTION, Bracket

CENT = Decimal("0.01")


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def taxable_income(gross: Decimal | int | str, deduction: Decimal = STANDARD_DEDUCTION) -> Decimal:
    return max(Decimal(0), Decimal(gross) - deduction)


def _portion(taxable: Decimal, bracket: Bracket) -> Decimal:
    """The part of ``taxable`` that falls inside ``bracket``."""
    top = taxable if bracket.upper is None else min(taxable, Decimal(bracket.upper))
    return max(Decimal(0), top - bracket.lower)


def tax_owed(gross: Decimal | int | str, brackets: tuple[Bracket, ...] = SINGLE_2024,
             deduction: Decimal = STANDARD_DEDUCTION) -> Decimal:
    """Total tax, rounded to the cent once at the end."""
    taxable = taxable_income(gross, deduction)
    total = Decimal(0)
    for bracket in brackets:
        total += _portion(taxable, bracket) * bracket.rate
    return _cents(total)


def breakdown(gross: Decimal | int | str, brackets: tuple[Bracket, ...] = SINGLE_2024,
              deduction: Decimal = STANDARD_DEDUCTION) -> list[tuple[int, Decimal]]:
    """(rate, tax in that bracket) for every bracket the income reaches, each line
    rounded to the cent for display."""
    taxable = taxable_income(gross, deduction)
    lines = []
    for bracket in brackets:
        portion = _portion(taxable, bracket)
        if portion <= 0:
            break
        lines.append((bracket.rate, _cents(portion * bracket.rate)))
    return lines


def effective_rate(gross: Decimal | int | str, brackets: tuple[Bracket, ...] = SINGLE_2024,
                   deduction: Decimal = STANDARD_DEDUCTION) -> Decimal:
    """Tax as a percentage of gross income, to two decimals."""
    gross = Decimal(gross)
    if gross <= 0:
        return Decimal("0.00")
    return _cents(tax_owed(gross, brackets, deduction) / gross * 100)
