"""Coin values in cents and money formatting."""

from __future__ import annotations

EURO_COINS: tuple[int, ...] = (200, 100, 50, 20, 10, 5, 2, 1)


def parse_cents(text: str) -> int:
    """``"1.50"`` -> 150, ``"2"`` -> 200."""
    whole, _, frac = text.strip().partition(".")
    if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
        raise ValueError(f"not a price: {text!r}")
    return int(whole) * 100 + int(frac.ljust(2, "0") or 0)


def format_cents(cents: int) -> str:
    return f"€{cents // 100}.{cents % 100:02d}"
