import pytest

from units import Quantity


def test_chained_conversions():
    q = Quantity(1, "mi").to("km").to("m")
    assert q.unit == "m"
    assert q.value == pytest.approx(1609.344)


def test_converted_quantity_adds_correctly():
    q = Quantity(90, "min").to("h") + Quantity(30, "min")
    assert q.unit == "h"
    assert q.value == pytest.approx(2.0)


def test_temperature_round_trip():
    q = Quantity(20, "degC").to("degF")
    assert str(q) == "68 degF"
    assert q.to("degC").value == pytest.approx(20)


def test_to_same_unit_is_equal():
    q = Quantity(3, "ft")
    assert q.to("ft") == q
