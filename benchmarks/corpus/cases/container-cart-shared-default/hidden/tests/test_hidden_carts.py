from shop import Cart, LineItem, Product

MUG = Product("mug", "Coffee mug", 1250)
PIN = Product("pin", "Enamel pin", 399)


def test_carts_do_not_share_items():
    carts = [Cart(name) for name in ("a", "b", "c")]
    carts[0].add(MUG)
    carts[1].add(PIN, 2)
    assert [c.count() for c in carts] == [1, 2, 0]
    assert [c.subtotal() for c in carts] == [1250, 798, 0]


def test_removing_from_one_cart_leaves_the_other():
    a, b = Cart("a"), Cart("b")
    a.add(MUG)
    b.add(MUG, 3)
    a.remove("mug")
    assert a.items == []
    assert b.count() == 3


def test_given_items_are_used():
    cart = Cart("x", [LineItem(PIN, 2)])
    cart.add(PIN)
    assert cart.count() == 3
    assert Cart("y").count() == 0
