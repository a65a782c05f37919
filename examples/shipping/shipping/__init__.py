"""Parcels, delivery routes and shipping labels."""

from shipping.parcels import Parcel
from shipping.routes import Route, label

__all__ = ["Parcel", "Route", "label"]
