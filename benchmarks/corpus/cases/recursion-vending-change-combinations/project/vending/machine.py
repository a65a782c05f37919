"""Selling items and paying out change from the coin tubes."""

from __future__ import annotations

from vending.change import fewest_coins
from vending.coins import EURO_COINS


class OutOfChange(Exception):
    pass


class VendingMachine:
    def __init__(self, prices: dict[str, int], tubes: dict[int, int]) -> None:
        for value in tubes:
            if value not in EURO_COINS:
                raise ValueError(f"no such coin: {value}")
        self.prices = dict(prices)
        self.tubes = dict(tubes)
        self.inserted: list[int] = []

    def insert(self, coin: int) -> None:
        if coin not in EURO_COINS:
            raise ValueError(f"rejected coin: {coin}")
        self.inserted.append(coin)

    @property
    def credit(self) -> int:
        return sum(self.inserted)

    def buy(self, item: str) -> dict[int, int]:
        """Sell ``item``; returns the change paid out. The sale is refused, and the
        credit kept, when the exact change cannot be made."""
        price = self.prices[item]
        if self.credit < price:
            raise ValueError(f"{item} costs {price}, credit is {self.credit}")
        pool = dict(self.tubes)
        for coin in self.inserted:
            pool[coin] = pool.get(coin, 0) + 1
        change = fewest_coins(self.credit - price, pool)
        if change is None:
            raise OutOfChange(f"cannot make {self.credit - price} in change")
        for value, n in change.items():
            pool[value] -= n
        self.tubes = {v: n for v, n in pool.items() if n}
        self.inserted = []
        return change
