"""Physical quantities with unit conversion."""

from units.quantity import Quantity, total
from units.registry import IncompatibleUnits, convert

__all__ = ["IncompatibleUnits", "Quantity", "convert", "total"]
