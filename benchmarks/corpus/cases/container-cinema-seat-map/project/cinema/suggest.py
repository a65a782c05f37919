from __future__ import annotations

from cinema.booking import Screening
from cinema.hall import seat_label


def best_block(screening: Screening, size: int) -> list[str] | None:
    """``size`` adjacent free seats, preferring rows further back and then seats nearer
    the middle of the row; None if no row has room."""
    hall = screening.hall
    middle = (hall.seats_per_row - 1) / 2
    best: tuple[tuple[int, float], list[str]] | None = None
    for row in range(hall.rows):
        seats = screening.seats[row]
        for start in range(hall.seats_per_row - size + 1):
            if all(h is None for h in seats[start:start + size]):
                centre = start + (size - 1) / 2
                key = (-row, abs(centre - middle))
                if best is None or key < best[0]:
                    best = (key, [seat_label(row, s) for s in range(start, start + size)])
    return None if best is None else best[1]
