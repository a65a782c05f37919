"""Recipes and scaling them to a number of servings."""

from __future__ import annotations

from dataclasses import dataclass, field

from recipes.quantity import Quantity


@dataclass(frozen=True)
class Ingredient:
    name: str
    quantity: Quantity


@dataclass
class Recipe:
    title: str
    servings: int
    ingredients: list[Ingredient] = field(default_factory=list)

    def add(self, name: str, quantity: str) -> "Recipe":
        self.ingredients.append(Ingredient(name, Quantity.parse(quantity)))
        return self

    def scaled(self, servings: int) -> "Recipe":
        """The same recipe for ``servings`` people; every amount changes in proportion."""
        if servings < 1:
            raise ValueError("servings must be at least 1")
        scaled = Recipe(self.title, servings)
        for ing in self.ingredients:
            q = ing.quantity
            amount = q.amount * servings / self.servings
            scaled.ingredients.append(Ingredient(ing.name, Quantity(amount, q.unit)))
        return scaled

    def amount_of(self, name: str) -> Quantity:
        for ing in self.ingredients:
            if ing.name == name:
                return ing.quantity
        raise KeyError(name)

    def lines(self) -> list[str]:
        return [f"{ing.quantity} {ing.name}" for ing in self.ingredients]
