"""Shopping cart for a small web shop; prices are integer cents."""

from shop.cart import Cart, LineItem
from shop.catalog import Catalog, Product
from shop.pricing import DISCOUNT_CODES, format_cents, total

__all__ = ["Cart", "Catalog", "DISCOUNT_CODES", "LineItem", "Product", "format_cents", "total"]
