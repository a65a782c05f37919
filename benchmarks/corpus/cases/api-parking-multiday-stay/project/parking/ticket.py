from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class TicketError(ValueError):
    pass


@dataclass
class Ticket:
    plate: str
    entered: datetime
    left: datetime | None = None

    def close(self, when: datetime) -> None:
        if self.left is not None:
            raise TicketError(f"ticket for {self.plate} is already closed")
        if when < self.entered:
            raise TicketError("exit time is before entry time")
        self.left = when
