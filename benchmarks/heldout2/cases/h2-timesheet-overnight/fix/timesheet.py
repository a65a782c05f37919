"""Hours worked from clock-in/clock-out times ("HH:MM"), shifts may pass midnight."""
from typing import Dict, Iterable, Tuple

DAY = 24 * 60


def to_minutes(hhmm: str) -> int:
    hours, minutes = hhmm.strip().split(":")
    h, m = int(hours), int(minutes)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"bad time {hhmm!r}")
    return h * 60 + m


def shift_minutes(start: str, end: str, break_minutes: int = 0) -> int:
    """Minutes worked; an end time earlier than the start means the next day."""
    s, e = to_minutes(start), to_minutes(end)
    if e < s:
        e += DAY
    worked = e - s - break_minutes
    if worked < 0:
        raise ValueError("break is longer than the shift")
    return worked


def weekly_hours(shifts: Iterable[Tuple[str, str, str, int]]) -> Dict[str, float]:
    """Hours per employee from (employee, start, end, break_minutes) rows."""
    totals: Dict[str, int] = {}
    for employee, start, end, brk in shifts:
        totals[employee] = totals.get(employee, 0) + shift_minutes(start, end, brk)
    return {name: round(mins / 60, 2) for name, mins in totals.items()}


def overtime(hours: Dict[str, float], limit: float = 40.0) -> Dict[str, float]:
    return {name: round(h - limit, 2) for name, h in hours.items() if h > limit}
