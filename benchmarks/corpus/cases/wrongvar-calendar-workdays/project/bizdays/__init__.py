"""Business-day arithmetic over a calendar of weekends and holidays."""

from bizdays.calendar import BusinessCalendar
from bizdays.dates import date_range, parse_date

__all__ = ["BusinessCalendar", "date_range", "parse_date"]
