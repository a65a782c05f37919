"""Seat booking for a small cinema."""

from cinema.booking import BookingError, Screening
from cinema.hall import Hall, parse_seat, seat_label
from cinema.suggest import best_block

__all__ = ["BookingError", "Hall", "Screening", "best_block", "parse_seat", "seat_label"]
