from decimal import Decimal

from payroll import Payslip, Schedule

SCHEDULE = Schedule.from_table([(0, "0"), (10_000, "0.10"), (40_000, "0.20"), (100_000, "0.40")])


def test_rate_at_bracket_floors():
    assert SCHEDULE.marginal_rate(0) == Decimal("0")
    assert SCHEDULE.marginal_rate(10_000) == Decimal("0.10")
    assert SCHEDULE.marginal_rate(40_000) == Decimal("0.20")
    assert SCHEDULE.marginal_rate(100_000) == Decimal("0.40")


def test_rate_just_below_floors():
    assert SCHEDULE.marginal_rate(9_999) == Decimal("0")
    assert SCHEDULE.marginal_rate(39_999) == Decimal("0.10")
    assert SCHEDULE.marginal_rate(99_999) == Decimal("0.20")


def test_marginal_rate_matches_tax_on_next_unit():
    for income in [0, 5_000, 9_999, 10_000, 39_999, 40_000, 70_000, 100_000, 1_000_000]:
        assert SCHEDULE.tax(income + 1) - SCHEDULE.tax(income) == SCHEDULE.marginal_rate(income)


def test_bonus_in_low_bracket():
    slip = Payslip("ana", 12_000, SCHEDULE)
    assert slip.bonus_withholding(1_000) == Decimal("100.00")


def test_single_bracket_schedule():
    flat = Schedule.from_table([(0, "0.25")])
    assert flat.marginal_rate(0) == Decimal("0.25")
    assert flat.marginal_rate(10**9) == Decimal("0.25")
