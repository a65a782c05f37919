"""A single elevator car using the LOOK strategy."""

from __future__ import annotations

from enum import Enum


class Direction(Enum):
    UP = 1
    DOWN = -1
    IDLE = 0


class Car:
    """Serves its stops in the direction it travels and turns only when
    nothing is left ahead of it."""

    def __init__(self, name: str, floor: int = 0, lowest: int = 0, highest: int = 10) -> None:
        self.name = name
        self.floor = floor
        self.lowest = lowest
        self.highest = highest
        self.direction = Direction.IDLE
        self.stops: set[int] = set()
        self.visited: list[int] = []

    def request(self, floor: int) -> None:
        if not self.lowest <= floor <= self.highest:
            raise ValueError(f"floor {floor} is not served by car {self.name}")
        self.stops.add(floor)

    def next_stop(self) -> int | None:
        """The floor the car heads for now, or None when it has nothing to do."""
        if not self.stops:
            return None
        if self.floor in self.stops:
            return self.floor
        above = sorted(f for f in self.stops if f > self.floor)
        below = sorted(f for f in self.stops if f < self.floor)
        if self.direction is Direction.DOWN:
            return above[-1] if below else above[0]
        return above[0] if above else below[-1]

    def step(self) -> None:
        """Move one floor towards the next stop, or open the doors at it."""
        target = self.next_stop()
        if target is None:
            self.direction = Direction.IDLE
            return
        if target == self.floor:
            self.stops.discard(self.floor)
            self.visited.append(self.floor)
            if not self.stops:
                self.direction = Direction.IDLE
            return
        self.direction = Direction.UP if target > self.floor else Direction.DOWN
        self.floor += self.direction.value

    def cost(self, floor: int) -> int:
        """Rough number of floors travelled before the car could reach ``floor``."""
        if self.direction is Direction.IDLE:
            return abs(floor - self.floor)
        ahead = (floor - self.floor) * self.direction.value >= 0
        if ahead:
            return abs(floor - self.floor)
        return abs(floor - self.floor) + 2 * len(self.stops)
