import pytest

from shipping import NoRate, Parcel, parse_dimensions, parse_weight, quote


def test_grams_and_whole_kilograms():
    assert parse_weight("800g") == 800
    assert parse_weight("3 KG") == 3000


def test_decimal_kilograms():
    assert parse_weight("2.01 kg") == 2010


def test_dimensions():
    assert parse_dimensions("30 x 20 x 10.5 cm") == (30.0, 20.0, 10.5)


def test_bad_weight():
    with pytest.raises(ValueError):
        parse_weight("heavy")


def test_quote_uses_heavier_of_actual_and_volumetric():
    light_but_bulky = Parcel.from_text("500 g", "40 x 30 x 20 cm")
    assert light_but_bulky.chargeable_grams == 4800
    assert quote([light_but_bulky], "domestic") == "EUR 9.90"


def test_parcel_just_over_a_band():
    parcel = Parcel.from_text("1.001 kg", "10 x 10 x 10 cm")
    assert quote([parcel, parcel], "eu") == "EUR 29.80"


def test_too_heavy():
    with pytest.raises(NoRate):
        quote([Parcel.from_text("12 kg", "10 x 10 x 10 cm")], "domestic")
