"""Meeting-room bookings for a single day."""

from rooms.booking import Booking, Conflict
from rooms.schedule import Schedule
from rooms.timeutil import format_time, parse_time

__all__ = ["Booking", "Conflict", "Schedule", "format_time", "parse_time"]
