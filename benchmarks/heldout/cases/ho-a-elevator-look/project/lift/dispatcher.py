"""Assigns hall calls to the cheapest car and runs the simulation."""

from __future__ import annotations

from lift.car import Car


class Dispatcher:
    def __init__(self, cars: list[Car]) -> None:
        if not cars:
            raise ValueError("a dispatcher needs at least one car")
        self.cars = cars

    def call(self, floor: int) -> Car:
        """Send the car that can reach ``floor`` most cheaply (first one on ties)."""
        best = min(self.cars, key=lambda car: car.cost(floor))
        best.request(floor)
        return best

    def run(self, ticks: int) -> None:
        for _ in range(ticks):
            for car in self.cars:
                car.step()

    def idle(self) -> bool:
        return all(not car.stops for car in self.cars)
