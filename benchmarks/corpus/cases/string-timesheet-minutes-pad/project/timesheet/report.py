from __future__ import annotations

from timesheet.entries import Entry, totals_by


def format_duration(minutes: int) -> str:
    """``minutes`` as hours and zero-padded minutes, e.g. 125 -> ``2:05``."""
    hours, mins = divmod(minutes, 60)
    return f"{hours}:{mins:2d}"


def render_report(entries: list[Entry]) -> str:
    """One line per project, then one per day, then the grand total, columns aligned."""
    lines = ["Project      Hours"]
    for project, minutes in totals_by(entries, "project").items():
        lines.append(f"{project:<12}{format_duration(minutes):>6}")
    lines.append("Day          Hours")
    for day, minutes in totals_by(entries, "day").items():
        lines.append(f"{day.isoformat():<12}{format_duration(minutes):>6}")
    total = sum(e.minutes for e in entries)
    lines.append(f"{'total':<12}{format_duration(total):>6}")
    return "\n".join(lines)
