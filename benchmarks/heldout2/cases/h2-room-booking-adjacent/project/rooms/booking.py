from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, List


class BookingConflict(Exception):
    def __init__(self, new: "Booking", existing: "Booking"):
        super().__init__(f"{new.room} is taken by {existing.owner} "
                         f"from {existing.start:%H:%M} to {existing.end:%H:%M}")
        self.existing = existing


@dataclass(frozen=True)
class Booking:
    room: str
    start: datetime
    end: datetime
    owner: str

    def __post_init__(self):
        if self.end <= self.start:
            raise ValueError("a booking must end after it starts")

    def overlaps(self, other: "Booking") -> bool:
        """True if both bookings need the same room at the same time."""
        return (self.room == other.room
                and self.start <= other.end
                and other.start <= self.end)


@dataclass
class RoomCalendar:
    bookings: List[Booking] = field(default_factory=list)

    def book(self, room: str, start: datetime, end: datetime, owner: str) -> Booking:
        new = Booking(room, start, end, owner)
        for existing in self.bookings:
            if existing.overlaps(new):
                raise BookingConflict(new, existing)
        self.bookings.append(new)
        return new

    def cancel(self, booking: Booking) -> None:
        self.bookings.remove(booking)

    def usage_minutes(self) -> Dict[str, int]:
        usage: Dict[str, int] = {}
        for b in self.bookings:
            usage[b.room] = usage.get(b.room, 0) + int((b.end - b.start).total_seconds() // 60)
        return usage
