from __future__ import annotations

from shipping.parcels import Parcel

# (up to and including this many grams, price in cents) per zone
BANDS: dict[str, list[tuple[int, int]]] = {
    "domestic": [(1000, 490), (2000, 690), (5000, 990), (10000, 1490)],
    "eu": [(1000, 1190), (2000, 1490), (5000, 2190), (10000, 3290)],
}


class NoRate(ValueError):
    pass


def band_price(zone: str, grams: int) -> int:
    try:
        bands = BANDS[zone]
    except KeyError:
        raise NoRate(f"no rates for zone {zone!r}") from None
    for limit, cents in bands:
        if grams <= limit:
            return cents
    raise NoRate(f"{grams} g is over the {bands[-1][0]} g limit for {zone}")


def quote(parcels: list[Parcel], zone: str) -> str:
    """The total price of shipping ``parcels`` to ``zone``, e.g. ``"EUR 11.80"``."""
    cents = sum(band_price(zone, p.chargeable_grams) for p in parcels)
    return f"EUR {cents / 100:.2f}"
