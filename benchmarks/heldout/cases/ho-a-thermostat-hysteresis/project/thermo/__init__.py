"""A small on/off thermostat with hysteresis and a daily setpoint schedule."""

from thermo.controller import Mode, Thermostat
from thermo.schedule import Schedule

__all__ = ["Mode", "Schedule", "Thermostat"]
