"""Invoices made of line items, and the history of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from cloudbill.costs import parse_cost


class InvoiceMismatch(ValueError):
    pass


@dataclass(frozen=True)
class LineItem:
    service: str
    cost: Decimal

    def belongs_to(self, service: str) -> bool:
        """True for the service itself and every sub-service of it."""
        return self.service == service or self.service.startswith(service + ":")


@dataclass(frozen=True)
class Invoice:
    month: str  # "YYYY-MM"
    items: tuple[LineItem, ...]
    total: Decimal


class BillingHistory:
    def __init__(self) -> None:
        self.invoices: list[Invoice] = []

    def add_invoice(self, month: str, total: str, **items: str) -> Invoice:
        """Add a month's invoice; keyword names are services with '__' for ':'.

        The line items must add up to the invoice total.
        """
        lines = tuple(LineItem(name.replace("__", ":"), parse_cost(cost))
                      for name, cost in items.items())
        billed = parse_cost(total)
        counted = sum((line.cost for line in lines), Decimal(0))
        if counted != billed:
            raise InvoiceMismatch(f"{month}: items add up to {counted}, invoice says {billed}")
        invoice = Invoice(month, lines, billed)
        self.invoices.append(invoice)
        self.invoices.sort(key=lambda inv: inv.month)
        return invoice

    def spend(self, service: str, until: str | None = None) -> Decimal:
        """The cost of ``service`` and its sub-services over all invoices, optionally only
        those for months up to and including ``until``."""
        total = Decimal("0.00")
        for invoice in self.invoices:
            if until is not None and invoice.month > until:
                continue
            for line in invoice.items:
                if line.belongs_to(service):
                    total += line.cost
        return total

    def by_service(self) -> dict[str, Decimal]:
        """Total cost of every billed service, by service name."""
        totals: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for invoice in self.invoices:
            for line in invoice.items:
                totals[line.service] += line.cost
        return dict(sorted(totals.items()))
