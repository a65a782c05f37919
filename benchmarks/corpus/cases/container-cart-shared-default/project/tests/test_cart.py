import pytest

from shop import Cart, Catalog, LineItem, Product, format_cents, total

CATALOG = Catalog([
    Product("mug", "Coffee mug", 1250),
    Product("tee", "T-shirt", 2000),
    Product("pin", "Enamel pin", 399),
])


def test_add_merges_lines():
    cart = Cart("ann", [])
    cart.add(CATALOG["mug"])
    cart.add(CATALOG["mug"], 2)
    assert len(cart.items) == 1
    assert cart.count() == 3


def test_remove_partial_and_all():
    cart = Cart("bob", [LineItem(CATALOG["pin"], 3)])
    cart.remove("pin", 1)
    assert cart.count() == 2
    cart.remove("pin")
    assert cart.items == []


def test_total_with_discount_and_tax():
    cart = Cart("cy", [LineItem(CATALOG["tee"], 1)])
    cart.code = "WELCOME10"
    assert total(cart) == 1944
    assert format_cents(total(cart)) == "$19.44"


def test_invalid_code():
    cart = Cart("dee", [LineItem(CATALOG["pin"], 1)])
    cart.code = "FREE"
    with pytest.raises(ValueError):
        total(cart)


def test_unknown_sku():
    with pytest.raises(KeyError):
        CATALOG["hat"]


def test_new_carts_start_empty():
    first = Cart("eve")
    first.add(CATALOG["tee"])
    second = Cart("fay")
    assert second.items == []
    assert second.subtotal() == 0
