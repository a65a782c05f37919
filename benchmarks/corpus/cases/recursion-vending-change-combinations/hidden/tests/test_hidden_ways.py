from vending import EURO_COINS, count_ways


def test_single_denomination_repeated():
    assert count_ways(10, [1]) == 1
    assert count_ways(6, [2]) == 1


def test_classic_values():
    assert count_ways(10, [1, 5, 10]) == 4
    assert count_ways(100, [1, 5, 10, 25, 50]) == 292


def test_euro_coins():
    assert count_ways(10, EURO_COINS) == 11
    assert count_ways(200, EURO_COINS) == 73682


def test_order_and_duplicates_of_coin_list_do_not_matter():
    assert count_ways(12, [5, 2, 1]) == count_ways(12, [1, 1, 2, 5, 5]) == 13
