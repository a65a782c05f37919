from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: int  # cents


class Catalog:
    def __init__(self, products: list[Product]) -> None:
        self._by_sku = {p.sku: p for p in products}

    def __getitem__(self, sku: str) -> Product:
        try:
            return self._by_sku[sku]
        except KeyError:
            raise KeyError(f"unknown product {sku!r}") from None

    def __contains__(self, sku: object) -> bool:
        return sku in self._by_sku
