"""A supplier whose only low product is discontinued gets no purchase order at all,
and discontinued products above the reorder point stay out too."""
from purchasing.reorder import Product, purchase_orders, reorder_lines


def test_no_empty_purchase_order():
    items = [
        Product("old", "legacyco", on_hand=0, reorder_point=5, reorder_qty=10, discontinued=True),
        Product("new", "freshco", on_hand=1, reorder_point=5, reorder_qty=10),
    ]
    assert purchase_orders(items) == {"freshco": [("new", 10)]}


def test_discontinued_any_quantity():
    for on_hand in (0, 3, 5):
        p = Product("x", "s", on_hand=on_hand, reorder_point=5, reorder_qty=1, discontinued=True)
        assert reorder_lines([p]) == []


def test_active_products_unchanged():
    p = Product("y", "s", on_hand=2, reorder_point=5, reorder_qty=1)
    assert reorder_lines([p]) == [("y", 4)]
