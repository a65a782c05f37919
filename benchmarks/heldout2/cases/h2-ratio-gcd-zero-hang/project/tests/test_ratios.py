import pytest

from media.ratios import Resolution, gcd, parse_resolution, reduce


def test_gcd():
    assert gcd(1920, 1080) == 120
    assert gcd(-12, 18) == 6


def test_aspect():
    assert parse_resolution("1920x1080").aspect == "16:9"
    assert Resolution(1024, 768).aspect == "4:3"


def test_negative_denominator():
    assert reduce(3, -6) == (-1, 2)


def test_scale():
    assert Resolution(1920, 1080).scaled_to_height(720) == Resolution(1280, 720)
    with pytest.raises(ValueError):
        Resolution(1920, 1080).scaled_to_height(100)


def test_zero_numerator():
    assert reduce(0, 5) == (0, 1)
