from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

CATEGORIES = ("lodging", "meals", "mileage", "other", "travel")


@dataclass(frozen=True)
class Item:
    day: date
    category: str
    description: str
    amount: Decimal

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.amount <= 0:
            raise ValueError("amounts must be positive")


@dataclass
class Claim:
    employee: str
    items: list[Item] = field(default_factory=list)

    def add(self, day: date, category: str, description: str, amount: str) -> Item:
        item = Item(day, category, description, Decimal(amount))
        self.items.append(item)
        return item

    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal("0"))
