"""Workout logs: laps, heart-rate samples and training zones."""

from fitlog.laps import Lap, split_laps
from fitlog.report import lap_table
from fitlog.zones import ZONES, zone_for, zone_minutes

__all__ = ["Lap", "ZONES", "lap_table", "split_laps", "zone_for", "zone_minutes"]
