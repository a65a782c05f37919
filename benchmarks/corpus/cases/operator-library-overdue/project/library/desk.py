"""Checking books out and in."""

from __future__ import annotations

from datetime import date

from library.catalog import Catalog
from library.loans import Loan


class BorrowingBlocked(Exception):
    """The member may not borrow until their overdue books are back."""


class Desk:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.loans: list[Loan] = []
        self.fines: dict[str, int] = {}

    def open_loans(self, member_id: str) -> list[Loan]:
        return [l for l in self.loans if l.member_id == member_id and l.is_open]

    def checkout(self, isbn: str, member_id: str, today: date) -> Loan:
        late = [l for l in self.open_loans(member_id) if l.is_overdue(today)]
        if late:
            raise BorrowingBlocked(f"{member_id} has {len(late)} overdue book(s)")
        self.catalog.take(isbn)
        loan = Loan.start(isbn, member_id, today)
        self.loans.append(loan)
        return loan

    def checkin(self, isbn: str, today: date) -> int:
        """Take a book back; return the fine charged for it, in cents."""
        for loan in self.loans:
            if loan.isbn == isbn and loan.is_open:
                fine = loan.fine_cents(today)
                loan.returned = today
                self.catalog.put_back(isbn)
                if fine:
                    self.fines[loan.member_id] = self.fines.get(loan.member_id, 0) + fine
                return fine
        raise ValueError(f"{isbn} is not on loan")

    def overdue_report(self, today: date) -> list[tuple[str, str, int]]:
        """(member, title, days late) for every overdue loan, most late first."""
        rows = [
            (l.member_id, self.catalog.get(l.isbn).title, l.days_late(today))
            for l in self.loans
            if l.is_overdue(today)
        ]
        return sorted(rows, key=lambda r: (-r[2], r[0]))
