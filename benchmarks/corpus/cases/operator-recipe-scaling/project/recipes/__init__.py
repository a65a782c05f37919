"""Recipes that can be scaled and merged into a shopping list."""

from recipes.quantity import Quantity, format_amount
from recipes.recipe import Ingredient, Recipe
from recipes.shopping import shopping_list

__all__ = ["Ingredient", "Quantity", "Recipe", "format_amount", "shopping_list"]
