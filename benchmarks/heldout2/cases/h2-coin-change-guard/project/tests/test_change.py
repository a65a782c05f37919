from change import EURO_CENTS, count_ways, greedy_change, min_coins


def test_classic_example():
    assert min_coins([1, 2, 5], 11) == 3


def test_impossible_amount():
    assert min_coins([2], 3) == -1


def test_zero_amount():
    assert min_coins([1, 5], 0) == 0


def test_non_canonical_system():
    assert min_coins([1, 3, 4], 6) == 2


def test_euro_coins_small_amount():
    assert min_coins(EURO_CENTS, 7) == 2


def test_count_and_greedy():
    assert count_ways([1, 2, 5], 5) == 4
    assert greedy_change(EURO_CENTS, 385) == {200: 1, 100: 1, 50: 1, 20: 1, 10: 1, 5: 1}
