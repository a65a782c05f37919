"""Monthly cloud invoices and spend per service (e.g. ``compute:vm``)."""

from cloudbill.costs import format_usd, parse_cost
from cloudbill.invoices import BillingHistory, Invoice, InvoiceMismatch, LineItem

__all__ = ["BillingHistory", "Invoice", "InvoiceMismatch", "LineItem", "format_usd",
           "parse_cost"]
