from datetime import datetime, timedelta

import pytest

from parking import Tariff, Ticket, TicketError, billable_minutes, fee, receipt

TARIFF = Tariff(hourly=300, daily_cap=2000, free_minutes=15)
T0 = datetime(2024, 6, 1, 8, 0)


def test_started_minute_counts():
    assert billable_minutes(T0, T0 + timedelta(minutes=10, seconds=1)) == 11


def test_grace_period_is_free():
    assert fee(15, TARIFF) == 0


def test_started_hours_are_charged():
    assert fee(16, TARIFF) == 300
    assert fee(61, TARIFF) == 600


def test_daily_cap():
    assert fee(10 * 60, TARIFF) == 2000


def test_receipt_for_an_afternoon():
    ticket = Ticket("KA-123", T0)
    ticket.close(T0 + timedelta(hours=2, minutes=5))
    assert receipt(ticket, TARIFF) == "KA-123: 02h 05m $9.00"


def test_receipt_for_a_weekend():
    ticket = Ticket("B-42", T0)
    ticket.close(T0 + timedelta(days=2, hours=1))
    assert receipt(ticket, TARIFF) == "B-42: 2d 01h 00m $43.00"


def test_exit_before_entry():
    with pytest.raises(TicketError):
        Ticket("X", T0).close(T0 - timedelta(minutes=1))
    with pytest.raises(TicketError):
        billable_minutes(T0, T0 - timedelta(hours=1))
