"""Weekly purchase-order generation.

A product is reordered when its stock is at or below its reorder point; we order at
least ``reorder_qty`` and enough to get back above the reorder point. Discontinued
products are sold off and never reordered.
"""
from dataclasses import dataclass
from typing import Dict, Iterable, List, Tuple


@dataclass
class Product:
    sku: str
    supplier: str
    on_hand: int
    reorder_point: int
    reorder_qty: int
    discontinued: bool = False


def reorder_lines(products: Iterable[Product]) -> List[Tuple[str, int]]:
    lines = []
    for p in products:
        if p.on_hand <= p.reorder_point:
            qty = max(p.reorder_qty, p.reorder_point - p.on_hand + 1)
            lines.append((p.sku, qty))
    return sorted(lines)


def purchase_orders(products: Iterable[Product]) -> Dict[str, List[Tuple[str, int]]]:
    """Reorder lines grouped by supplier; suppliers with nothing to order are omitted."""
    products = list(products)
    supplier_of = {p.sku: p.supplier for p in products}
    orders: Dict[str, List[Tuple[str, int]]] = {}
    for sku, qty in reorder_lines(products):
        orders.setdefault(supplier_of[sku], []).append((sku, qty))
    return orders


def render(orders: Dict[str, List[Tuple[str, int]]]) -> str:
    out = []
    for supplier in sorted(orders):
        out.append(f"PO for {supplier}")
        out.extend(f"  {sku:<10}{qty:>6}" for sku, qty in orders[supplier])
    return "\n".join(out)
