"""Routes as lists of (lat, lng) points, and Google's encoded polyline format for them."""

from polyline.codec import decode, encode
from polyline.route import Route

__all__ = ["Route", "decode", "encode"]
