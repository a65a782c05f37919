"""Bang-bang control of a heater or a cooler around a target temperature."""

from __future__ import annotations

from enum import Enum


class Mode(Enum):
    OFF = "off"
    HEAT = "heat"
    COOL = "cool"


class Thermostat:
    """Keeps a room near ``target`` degrees.

    The output only changes once the temperature leaves the band
    ``[target - band, target + band]``: inside the band the device keeps doing
    what it was doing, so it does not chatter around the target.
    """

    def __init__(self, target: float, band: float = 0.5, mode: Mode = Mode.HEAT) -> None:
        if band < 0:
            raise ValueError("band must not be negative")
        self.target = target
        self.band = band
        self.mode = mode
        self.running = False
        self.switches = 0

    @property
    def low(self) -> float:
        return self.target - self.band

    @property
    def high(self) -> float:
        return self.target + self.band

    def set_mode(self, mode: Mode) -> None:
        self.mode = mode
        self._set(False)

    def update(self, temperature: float) -> bool:
        """Feed a new reading; returns whether the device should run."""
        if self.mode is Mode.HEAT:
            wanted = self._heat(temperature)
        elif self.mode is Mode.COOL:
            wanted = self._cool(temperature)
        else:
            wanted = False
        self._set(wanted)
        return self.running

    def _heat(self, temperature: float) -> bool:
        if temperature <= self.low:
            return True
        if temperature >= self.high:
            return False
        return self.running

    def _cool(self, temperature: float) -> bool:
        if temperature >= self.high:
            return True
        if temperature <= self.low:
            return False
        return self.running

    def _set(self, running: bool) -> None:
        if running != self.running:
            self.switches += 1
        self.running = running
