"""A booking of one room for a half-open span of time [start, end)."""

from __future__ import annotations

from dataclasses import dataclass

from rooms.timeutil import format_time, parse_time


class Conflict(Exception):
    """The requested booking overlaps an existing one."""

    def __init__(self, new: Booking, existing: Booking) -> None:
        super().__init__(f"{new} overlaps {existing}")
        self.new = new
        self.existing = existing


@dataclass(frozen=True)
class Booking:
    room: str
    start: int
    end: int
    title: str = ""

    @classmethod
    def of(cls, room: str, start: str, end: str, title: str = "") -> Booking:
        booking = cls(room, parse_time(start), parse_time(end), title)
        if booking.end <= booking.start:
            raise ValueError("a booking must end after it starts")
        return booking

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Booking) -> bool:
        """True when both are for the same room and their times share at least a minute."""
        return self.room == other.room and self.start < other.end

    def __str__(self) -> str:
        return f"{self.room} {format_time(self.start)}-{format_time(self.end)}"
