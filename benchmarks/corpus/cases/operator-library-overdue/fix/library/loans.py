"""A single loan of a book to a member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

LOAN_PERIOD = timedelta(days=14)
FINE_PER_DAY_CENTS = 25
MAX_FINE_CENTS = 1000


@dataclass
class Loan:
    isbn: str
    member_id: str
    borrowed: date
    due: date
    returned: date | None = None

    @classmethod
    def start(cls, isbn: str, member_id: str, on: date) -> "Loan":
        return cls(isbn, member_id, on, on + LOAN_PERIOD)

    @property
    def is_open(self) -> bool:
        return self.returned is None

    def is_overdue(self, today: date) -> bool:
        """Whether the book is late on ``today``.

        The book may be kept through its due date; it is late from the day after.
        A returned loan is never overdue.
        """
        return self.is_open and today > self.due

    def days_late(self, on: date) -> int:
        return max(0, (on - self.due).days)

    def fine_cents(self, on: date) -> int:
        """The fine owed if the book comes back on ``on``, capped at MAX_FINE_CENTS."""
        return min(MAX_FINE_CENTS, self.days_late(on) * FINE_PER_DAY_CENTS)
