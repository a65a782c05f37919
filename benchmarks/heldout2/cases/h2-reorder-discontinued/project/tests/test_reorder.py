from purchasing.reorder import Product, purchase_orders, render, reorder_lines

CATALOG = [
    Product("pen-blue", "inkco", on_hand=5, reorder_point=20, reorder_qty=100),
    Product("pen-red", "inkco", on_hand=50, reorder_point=20, reorder_qty=100),
    Product("pad-a4", "paperco", on_hand=0, reorder_point=300, reorder_qty=50),
    Product("pad-a5", "paperco", on_hand=10, reorder_point=10, reorder_qty=40),
]


def test_reorder_lines():
    assert reorder_lines(CATALOG) == [("pad-a4", 301), ("pad-a5", 40), ("pen-blue", 100)]


def test_grouped_by_supplier():
    assert purchase_orders(CATALOG) == {
        "inkco": [("pen-blue", 100)],
        "paperco": [("pad-a4", 301), ("pad-a5", 40)],
    }


def test_render():
    text = render({"inkco": [("pen-blue", 100)]})
    assert text.splitlines() == ["PO for inkco", "  pen-blue     100"]


def test_discontinued_not_reordered():
    items = CATALOG + [Product("pen-green", "inkco", on_hand=0, reorder_point=20,
                               reorder_qty=100, discontinued=True)]
    assert ("pen-green", 100) not in reorder_lines(items)
