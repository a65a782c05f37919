import pytest

from units import IncompatibleUnits, Quantity, convert, total


def test_convert_lengths():
    assert convert(1.5, "km", "m") == 1500.0
    assert convert(250, "cm", "m") == 2.5


def test_convert_temperature():
    assert convert(100, "degC", "degF") == pytest.approx(212)
    assert convert(0, "K", "degC") == pytest.approx(-273.15)


def test_incompatible_units():
    with pytest.raises(IncompatibleUnits):
        convert(1, "kg", "m")


def test_unknown_unit():
    with pytest.raises(ValueError):
        Quantity(1, "furlong")


def test_quantity_to_changes_unit():
    q = Quantity(2500, "m").to("km")
    assert q.unit == "km"
    assert str(q) == "2.5 km"


def test_add_mixed_units():
    assert str(Quantity(1, "km") + Quantity(250, "m")) == "1.25 km"


def test_total_of_mixed_masses():
    q = total([Quantity(1, "kg"), Quantity(500, "g")], "kg")
    assert q.value == pytest.approx(1.5)
