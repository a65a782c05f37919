"""Planning meetings between people in fixed-offset time zones."""

from meetings.planner import Participant, common_slots
from meetings.zones import UTC, Zone, convert, parse_zone

__all__ = ["Participant", "UTC", "Zone", "common_slots", "convert", "parse_zone"]
