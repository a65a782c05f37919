import pytest

from vending import OutOfChange, VendingMachine, count_ways, fewest_coins, format_cents, parse_cents


def test_parse_and_format():
    assert parse_cents("1.5") == 150
    assert parse_cents("2") == 200
    assert format_cents(1205) == "€12.05"
    with pytest.raises(ValueError):
        parse_cents("1.505")


def test_count_ways_small():
    assert count_ways(5, [1, 2, 5]) == 4


def test_count_ways_zero_amount():
    assert count_ways(0, [1, 2]) == 1


def test_count_ways_unreachable():
    assert count_ways(3, [2]) == 0


def test_fewest_coins_respects_stock():
    assert fewest_coins(40, {20: 1, 10: 5}) == {20: 1, 10: 2}
    assert fewest_coins(30, {20: 2}) is None


def test_buy_pays_change():
    vm = VendingMachine({"cola": 130}, {50: 2, 20: 3, 10: 2})
    vm.insert(200)
    assert vm.buy("cola") == {50: 1, 20: 1}
    assert vm.credit == 0


def test_buy_without_change_is_refused():
    vm = VendingMachine({"gum": 80}, {})
    vm.insert(100)
    with pytest.raises(OutOfChange):
        vm.buy("gum")
    assert vm.credit == 100
