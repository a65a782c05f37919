"""Parse timesheet lines and total the hours per project and per day."""

from timesheet.entries import Entry, parse_entry
from timesheet.report import format_duration, render_report

__all__ = ["Entry", "format_duration", "parse_entry", "render_report"]
