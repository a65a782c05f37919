import pytest

from timesheet import format_duration, parse_entry, render_report


@pytest.mark.parametrize("minutes, text", [
    (0, "0:00"), (1, "0:01"), (9, "0:09"), (10, "0:10"), (59, "0:59"),
    (61, "1:01"), (725, "12:05"), (1500, "25:00"),
])
def test_format_duration(minutes, text):
    assert format_duration(minutes) == text


def test_report_columns_stay_aligned():
    entries = [parse_entry("2024-01-02 10:00-10:07 initech")]
    lines = render_report(entries).splitlines()
    assert lines[1] == "initech       0:07"
    assert {len(line) for line in lines} == {18}
