import pytest

from polyline import Route, decode, encode

# The worked example from Google's polyline documentation.
GOOGLE_POINTS = [(38.5, -120.2), (40.7, -120.95), (43.252, -126.453)]
GOOGLE_TEXT = "_p~iF~ps|U_ulLnnqC_mqNvxq`@"


def test_round_trip():
    points = [(52.52, 13.405), (48.8566, 2.3522), (-33.8688, 151.2093)]
    assert decode(encode(points)) == points


def test_encode_matches_google():
    assert encode(GOOGLE_POINTS) == GOOGLE_TEXT


def test_decode_google_example():
    assert decode(GOOGLE_TEXT) == [pytest.approx(p) for p in GOOGLE_POINTS]


def test_truncated_polyline():
    with pytest.raises(ValueError):
        decode("_p~iF~ps|U_")


def test_route_length_and_bounds():
    route = Route([(0.0, 0.0), (0.0, 1.0)])
    assert route.length_m() == pytest.approx(111_195, rel=1e-3)
    assert route.bounds() == ((0.0, 0.0), (0.0, 1.0))
