import pytest

from shipping import parse_weight


@pytest.mark.parametrize("text, grams", [
    ("1.003 kg", 1003), ("4.02 kg", 4020), ("2.007kg", 2007), ("4.001 kg", 4001),
    ("0.5 kg", 500), ("250 g", 250),
])
def test_kilograms_to_grams(text, grams):
    assert parse_weight(text) == grams


@pytest.mark.parametrize("text, grams", [("1 lb", 454), ("2 lb", 907), ("1 oz", 28), ("10 oz", 283)])
def test_imperial_units_round_to_nearest_gram(text, grams):
    assert parse_weight(text) == grams


def test_result_is_an_int():
    assert isinstance(parse_weight("1.015 kg"), int)
