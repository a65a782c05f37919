from __future__ import annotations

from cinema.hall import Hall, parse_seat, seat_label


class BookingError(Exception):
    pass


class Screening:
    def __init__(self, hall: Hall, film: str) -> None:
        self.hall = hall
        self.film = film
        self.seats: list[list[str | None]] = [[None] * hall.seats_per_row] * hall.rows

    def holder(self, label: str) -> str | None:
        row, seat = parse_seat(label, self.hall)
        return self.seats[row][seat]

    def book(self, customer: str, *labels: str) -> None:
        """Book all of ``labels`` for ``customer``, or none of them if any is taken."""
        wanted = [parse_seat(label, self.hall) for label in labels]
        taken = [seat_label(r, s) for r, s in wanted if self.seats[r][s] is not None]
        if taken:
            raise BookingError(f"already taken: {', '.join(taken)}")
        for row, seat in wanted:
            self.seats[row][seat] = customer

    def cancel(self, customer: str) -> int:
        """Release every seat held by ``customer``; return how many were released."""
        released = 0
        for row in self.seats:
            for i, holder in enumerate(row):
                if holder == customer:
                    row[i] = None
                    released += 1
        return released

    def free_count(self) -> int:
        return sum(holder is None for row in self.seats for holder in row)

    def chart(self) -> str:
        """One line per row, back row first: ``.`` free, ``#`` taken."""
        lines = []
        for index in reversed(range(self.hall.rows)):
            marks = "".join("." if h is None else "#" for h in self.seats[index])
            lines.append(f"{seat_label(index, 0)[0]} {marks}")
        return "\n".join(lines)
