"""Quote parcel shipping prices from weights and sizes given as text."""

from shipping.parcels import Parcel, parse_dimensions, parse_weight
from shipping.rates import NoRate, quote

__all__ = ["NoRate", "Parcel", "parse_dimensions", "parse_weight", "quote"]
