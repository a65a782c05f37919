from fractions import Fraction

from recipes import Quantity, Recipe, shopping_list


def test_scale_six_to_four():
    r = Recipe("Stew", 6).add("beef", "1 kg").add("onions", "2").add("stock", "750 ml")
    s = r.scaled(4)
    assert s.amount_of("beef") == Quantity(Fraction(2, 3), "kg")
    assert s.amount_of("onions") == Quantity(Fraction(4, 3))
    assert s.amount_of("stock") == Quantity(500, "ml")
    assert s.servings == 4


def test_scale_up_by_uneven_factor():
    r = Recipe("Dressing", 2).add("oil", "3 tbsp").add("lemons", "1")
    s = r.scaled(3)
    assert s.amount_of("oil") == Quantity(Fraction(9, 2), "tbsp")
    assert s.amount_of("lemons") == Quantity(Fraction(3, 2))


def test_scaled_shopping_list_keeps_fractions():
    r = Recipe("Cake", 8).add("eggs", "3").add("butter", "250 g")
    totals = shopping_list([r.scaled(1)])
    assert totals["eggs"] == Quantity(Fraction(3, 8))
    assert totals["butter"] == Quantity(Fraction(125, 4), "g")


def test_scaling_round_trip_is_exact():
    r = Recipe("Soup", 3).add("water", "1 l").add("salt", "1 tsp")
    back = r.scaled(7).scaled(3)
    assert back.amount_of("water") == Quantity(1, "l")
    assert back.amount_of("salt") == Quantity(1, "tsp")
