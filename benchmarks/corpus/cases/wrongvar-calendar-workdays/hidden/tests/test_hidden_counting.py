from datetime import date, timedelta

from bizdays import BusinessCalendar, date_range


def _slow_count(cal, start, end):
    return sum(1 for d in date_range(start, end) if cal.is_business_day(d))


def test_custom_weekend():
    cal = BusinessCalendar(weekend=["Fri", "Sat"])
    assert cal.workdays_per_week == 5
    assert cal.count_business_days("2024-03-03", "2024-03-17") == 10


def test_holidays_inside_whole_weeks_are_not_counted():
    cal = BusinessCalendar(holidays=["2024-12-25", "2024-12-26", "2024-12-28"])
    # 2024-12-23 is a Monday; the 28th is a Saturday and changes nothing
    assert cal.count_business_days("2024-12-23", "2025-01-06") == 8


def test_matches_day_by_day_count():
    cal = BusinessCalendar(holidays=["2024-05-01", "2024-05-09", "2024-05-20"], weekend=["Sun"])
    start = date(2024, 4, 22)
    for length in (0, 1, 6, 7, 8, 13, 14, 30, 45):
        end = start + timedelta(days=length)
        assert cal.count_business_days(start, end) == _slow_count(cal, start, end), length


def test_six_day_week():
    assert BusinessCalendar(weekend=["Sunday"]).workdays_per_week == 6
