from fractions import Fraction

import pytest

from recipes import Quantity, Recipe, format_amount, shopping_list


def pancakes():
    return (
        Recipe("Pancakes", servings=4)
        .add("flour", "200 g")
        .add("milk", "1 1/2 cup")
        .add("eggs", "3")
        .add("sugar", "2 tbsp")
    )


def test_parse_quantity():
    assert Quantity.parse("1 1/2 cup") == Quantity(Fraction(3, 2), "cup")
    assert Quantity.parse("3") == Quantity(3)


def test_format_amount():
    assert format_amount(Fraction(7, 4)) == "1 3/4"
    assert format_amount(Fraction(1, 3)) == "1/3"
    assert format_amount(Fraction(6)) == "6"


def test_double_recipe():
    big = pancakes().scaled(8)
    assert big.amount_of("flour") == Quantity(400, "g")
    assert big.amount_of("eggs") == Quantity(6)


def test_halve_recipe():
    small = pancakes().scaled(2)
    assert small.amount_of("eggs") == Quantity(Fraction(3, 2))
    assert small.lines() == ["100 g flour", "3/4 cup milk", "1 1/2 eggs", "1 tbsp sugar"]


def test_scaling_to_zero_servings_rejected():
    with pytest.raises(ValueError):
        pancakes().scaled(0)


def test_shopping_list_adds_in_base_units():
    tea = Recipe("Tea", 1).add("milk", "50 ml").add("sugar", "1 tsp")
    totals = shopping_list([pancakes(), tea])
    assert totals["milk"] == Quantity(410, "ml")
    assert totals["sugar"] == Quantity(35, "ml")
    assert list(totals) == ["eggs", "flour", "milk", "sugar"]
