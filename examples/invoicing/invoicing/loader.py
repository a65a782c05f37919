"""Reading line items from CSV (columns: sku, description, unit_price, quantity)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from invoicing.models import LineItem

COLUMNS = ("sku", "description", "unit_price", "quantity")


def load_items(text: str) -> list[LineItem]:
    """The line items of a CSV document with a header row; blank rows are skipped.

    Raises ValueError naming the row when a column is missing or a value is malformed.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"missing column(s): {', '.join(missing)}")
    items = []
    for row_number, row in enumerate(reader, start=2):
        cells = {column: (row.get(column) or "").strip() for column in COLUMNS}
        if not any(cells.values()):
            continue
        try:
            items.append(_item(cells))
        except ValueError as exc:
            raise ValueError(f"row {row_number}: {exc}") from None
    return items


def _item(cells: dict[str, str]) -> LineItem:
    try:
        price = Decimal(cells["unit_price"])
    except InvalidOperation:
        raise ValueError(f"bad unit price {cells['unit_price']!r}") from None
    try:
        quantity = int(cells["quantity"])
    except ValueError:
        raise ValueError(f"bad quantity {cells['quantity']!r}") from None
    return LineItem(cells["sku"], cells["description"], price, quantity)
