from __future__ import annotations

import math
from datetime import datetime

from parking.tariff import Tariff
from parking.ticket import Ticket, TicketError

MINUTES_PER_DAY = 24 * 60


def billable_minutes(entered: datetime, left: datetime) -> int:
    """Minutes between entry and exit; a started minute counts as a whole one."""
    if left < entered:
        raise TicketError("exit time is before entry time")
    return math.ceil((left - entered).seconds / 60)


def fee(minutes: int, tariff: Tariff) -> int:
    """Price in cents of a stay of ``minutes``: every full day costs the daily cap, the
    rest is charged per started hour but never more than the daily cap."""
    if minutes <= tariff.free_minutes:
        return 0
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    hours = math.ceil(rest / 60)
    return days * tariff.daily_cap + min(hours * tariff.hourly, tariff.daily_cap)


def _duration(minutes: int) -> str:
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    return (f"{days}d " if days else "") + f"{hours:02d}h {mins:02d}m"


def receipt(ticket: Ticket, tariff: Tariff) -> str:
    if ticket.left is None:
        raise TicketError(f"ticket for {ticket.plate} is still open")
    minutes = billable_minutes(ticket.entered, ticket.left)
    cents = fee(minutes, tariff)
    return f"{ticket.plate}: {_duration(minutes)} ${cents // 100}.{cents % 100:02d}"
