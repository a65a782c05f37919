import pytest

from polyline import Route, decode, encode


def test_single_point():
    assert encode([(-179.98321, 0.0)]) == "`~oia@?"
    assert decode("`~oia@?") == [(-179.98321, 0.0)]


def test_small_offsets():
    assert encode([(0.00001, -0.00001)]) == "A@"


def test_values_rounded_to_five_decimals():
    assert decode(encode([(12.3456789, 98.7654321)])) == [(12.34568, 98.76543)]


def test_route_from_other_service():
    route = Route.from_polyline("_p~iF~ps|U_ulLnnqC_mqNvxq`@")
    low, high = route.bounds()
    assert low == pytest.approx((38.5, -126.453)) and high == pytest.approx((43.252, -120.2))
    assert Route(route.points).to_polyline() == "_p~iF~ps|U_ulLnnqC_mqNvxq`@"
