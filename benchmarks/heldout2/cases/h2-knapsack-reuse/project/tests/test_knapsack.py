from packing.knapsack import Item, best_value, choose, parse_items

GEAR = parse_items(["tent 5 60", "stove 3 50", "food 4 70", "camera 2 30"])


def test_nothing_fits():
    assert best_value([Item("piano", 100, 1000)], 10) == 0


def test_single_item():
    assert best_value([Item("tent", 5, 60)], 5) == 60


def test_heavy_items_cannot_repeat_anyway():
    assert best_value([Item("a", 6, 10), Item("b", 7, 13)], 10) == 13


def test_choose_matches_table():
    assert choose(GEAR, 9) == (150, ["camera", "food", "stove"])


def test_best_value_gear():
    assert best_value(GEAR, 8) == 120


def test_light_item_counts_once():
    assert best_value([Item("bar", 1, 10), Item("book", 5, 20)], 3) == 10
