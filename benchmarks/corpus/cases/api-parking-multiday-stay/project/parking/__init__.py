"""Parking garage billing."""

from parking.billing import billable_minutes, fee, receipt
from parking.tariff import Tariff
from parking.ticket import Ticket, TicketError

__all__ = ["Tariff", "Ticket", "TicketError", "billable_minutes", "fee", "receipt"]
