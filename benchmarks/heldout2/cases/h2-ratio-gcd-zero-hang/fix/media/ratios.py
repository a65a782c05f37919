"""Aspect ratios and reduced fractions for the media library."""
from dataclasses import dataclass
from typing import Tuple


def gcd(a: int, b: int) -> int:
    """Greatest common divisor by repeated subtraction (inputs are small here)."""
    a, b = abs(a), abs(b)
    if a == 0 or b == 0:
        return a or b
    while a != b:
        if a > b:
            a -= b
        else:
            b -= a
    return a


def reduce(num: int, den: int) -> Tuple[int, int]:
    if den == 0:
        raise ZeroDivisionError("denominator is zero")
    g = gcd(num, den)
    num, den = num // g, den // g
    if den < 0:
        num, den = -num, -den
    return num, den


@dataclass(frozen=True)
class Resolution:
    width: int
    height: int

    @property
    def aspect(self) -> str:
        w, h = reduce(self.width, self.height)
        return f"{w}:{h}"

    def scaled_to_height(self, height: int) -> "Resolution":
        w, h = reduce(self.width, self.height)
        if height % h:
            raise ValueError(f"height {height} does not keep the {w}:{h} ratio exact")
        return Resolution(height // h * w, height)


def parse_resolution(text: str) -> Resolution:
    w, _, h = text.lower().partition("x")
    return Resolution(int(w), int(h))
