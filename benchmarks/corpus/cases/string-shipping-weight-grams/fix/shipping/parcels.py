from __future__ import annotations

import re
from dataclasses import dataclass

GRAMS_PER_UNIT = {"g": 1.0, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
_WEIGHT = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")
_DIMENSIONS = re.compile(r"(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*x\s*(\d+(?:\.\d+)?)\s*cm")


def parse_weight(text: str) -> int:
    """A weight such as ``"2.5 kg"``, ``"800g"`` or ``"1 lb"``, in grams rounded to the nearest gram."""
    match = _WEIGHT.fullmatch(text.strip().lower())
    if not match or match.group(2) not in GRAMS_PER_UNIT:
        raise ValueError(f"not a weight: {text!r}")
    number, unit = match.groups()
    return round(float(number) * GRAMS_PER_UNIT[unit])


def parse_dimensions(text: str) -> tuple[float, float, float]:
    """``"30 x 20 x 10 cm"`` as three lengths in centimetres."""
    match = _DIMENSIONS.fullmatch(text.strip().lower())
    if not match:
        raise ValueError(f"not dimensions: {text!r}")
    length, width, height = (float(g) for g in match.groups())
    return length, width, height


@dataclass(frozen=True)
class Parcel:
    grams: int
    size_cm: tuple[float, float, float]

    @classmethod
    def from_text(cls, weight: str, dimensions: str) -> "Parcel":
        return cls(parse_weight(weight), parse_dimensions(dimensions))

    @property
    def volumetric_grams(self) -> int:
        """Carriers charge bulky parcels by volume: 1 kg per 5000 cubic centimetres."""
        length, width, height = self.size_cm
        return round(length * width * height / 5)

    @property
    def chargeable_grams(self) -> int:
        return max(self.grams, self.volumetric_grams)
