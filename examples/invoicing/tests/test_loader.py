from decimal import Decimal

import pytest

from invoicing import load_items

CSV = """sku,description,unit_price,quantity
BOLT-8, Hex bolt M8 ,0.40,120

NUT-8,Hex nut M8,0.10,8
"""


def test_load_items_skips_blank_rows_and_strips_cells():
    items = load_items(CSV)
    assert [(i.sku, i.description, i.unit_price, i.quantity) for i in items] == [
        ("BOLT-8", "Hex bolt M8", Decimal("0.40"), 120),
        ("NUT-8", "Hex nut M8", Decimal("0.10"), 8),
    ]


def test_missing_column_is_reported():
    with pytest.raises(ValueError, match="missing column"):
        load_items("sku,description,quantity\nA,Widget,3\n")


def test_bad_value_names_the_row():
    with pytest.raises(ValueError, match=r"row 3: bad quantity 'many'"):
        load_items("sku,description,unit_price,quantity\nA,W,1.00,2\nB,G,2.00,many\n")


def test_invalid_item_names_the_row():
    with pytest.raises(ValueError, match=r"row 2: .*quantity must be positive"):
        load_items("sku,description,unit_price,quantity\nA,W,1.00,0\n")
