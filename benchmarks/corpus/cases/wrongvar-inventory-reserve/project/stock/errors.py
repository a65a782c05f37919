"""Errors raised by the warehouse."""


class StockError(Exception):
    """Base class of warehouse errors."""


class UnknownItem(StockError, KeyError):
    def __init__(self, sku: str) -> None:
        super().__init__(sku)
        self.sku = sku

    def __str__(self) -> str:
        return f"unknown item {self.sku!r}"


class InsufficientStock(StockError):
    def __init__(self, sku: str, wanted: int, available: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, only {available} available")
        self.sku = sku
        self.wanted = wanted
        self.available = available
