"""The day's schedule of all rooms."""

from __future__ import annotations

from rooms.booking import Booking, Conflict
from rooms.timeutil import parse_time


class Schedule:
    def __init__(self, opens: str = "08:00", closes: str = "18:00") -> None:
        self.opens = parse_time(opens)
        self.closes = parse_time(closes)
        self._bookings: list[Booking] = []

    def book(self, room: str, start: str, end: str, title: str = "") -> Booking:
        booking = Booking.of(room, start, end, title)
        if booking.start < self.opens or booking.end > self.closes:
            raise ValueError(f"{booking} is outside opening hours")
        for existing in self._bookings:
            if booking.overlaps(existing):
                raise Conflict(booking, existing)
        self._bookings.append(booking)
        return booking

    def cancel(self, booking: Booking) -> None:
        self._bookings.remove(booking)

    def bookings(self, room: str) -> list[Booking]:
        return sorted((b for b in self._bookings if b.room == room), key=lambda b: b.start)

    def free_slots(self, room: str) -> list[tuple[int, int]]:
        """The gaps between the room's bookings within opening hours."""
        slots, cursor = [], self.opens
        for b in self.bookings(room):
            if b.start > cursor:
                slots.append((cursor, b.start))
            cursor = max(cursor, b.end)
        if cursor < self.closes:
            slots.append((cursor, self.closes))
        return slots
