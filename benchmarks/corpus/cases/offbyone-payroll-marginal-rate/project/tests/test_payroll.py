from decimal import Decimal

import pytest

from payroll import Bracket, Payslip, Schedule

TABLE = [(0, "0"), (10_000, "0.10"), (40_000, "0.20"), (100_000, "0.40")]


@pytest.fixture
def schedule():
    return Schedule.from_table(TABLE)


def test_schedule_must_start_at_zero():
    with pytest.raises(ValueError):
        Schedule([Bracket(5_000, Decimal("0.1"))])
    with pytest.raises(ValueError):
        Schedule.from_table([(0, "0"), (10, "0.1"), (10, "0.2")])


def test_tax_across_brackets(schedule):
    assert schedule.tax(9_000) == Decimal("0.00")
    assert schedule.tax(25_000) == Decimal("1500.00")
    assert schedule.tax(120_000) == Decimal("23000.00")


def test_effective_rate(schedule):
    assert schedule.effective_rate(50_000) == Decimal("0.1000")
    assert schedule.effective_rate(0) == 0


def test_monthly_withholding(schedule):
    slip = Payslip("kim", 25_000, schedule)
    assert slip.monthly_gross() == Decimal("2083.33")
    assert slip.monthly_withholding() == Decimal("125.00")
    assert slip.monthly_net() == Decimal("1958.33")


def test_marginal_rate_mid_bracket(schedule):
    assert schedule.marginal_rate(25_000) == Decimal("0.10")


def test_bonus_for_top_earner(schedule):
    slip = Payslip("ceo", 250_000, schedule)
    assert slip.bonus_withholding(10_000) == Decimal("4000.00")
