"""Parcels and the weight a carrier charges for."""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Cubic centimetres per kilogram when a carrier prices by volume.
VOLUMETRIC_DIVISOR = 5000


@dataclass(frozen=True)
class Parcel:
    """A box of ``weight_kg`` measuring ``length_cm`` × ``width_cm`` × ``height_cm``."""

    weight_kg: float
    length_cm: float
    width_cm: float
    height_cm: float

    @property
    def volumetric_kg(self) -> float:
        return self.length_cm * self.width_cm * self.height_cm / VOLUMETRIC_DIVISOR

    @property
    def chargeable_kg(self) -> float:
        """The larger of actual and volumetric weight, rounded up to the next half kilo."""
        heavier = max(self.weight_kg, self.volumetric_kg)
        return math.ceil(heavier * 2) / 2
