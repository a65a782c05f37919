"""Merging the ingredients of several recipes into one list."""

from __future__ import annotations

from recipes.quantity import Quantity
from recipes.recipe import Recipe


def shopping_list(recipes: list[Recipe]) -> dict[str, Quantity]:
    """Total of each ingredient across ``recipes``, in base units, sorted by name."""
    totals: dict[str, Quantity] = {}
    for recipe in recipes:
        for ing in recipe.ingredients:
            q = ing.quantity.to_base()
            totals[ing.name] = totals[ing.name] + q if ing.name in totals else q
    return dict(sorted(totals.items()))
