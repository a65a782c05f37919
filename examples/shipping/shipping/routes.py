"""Delivery routes: an ordered list of stops from the depot to the destination."""

from __future__ import annotations

from dataclasses import dataclass

from shipping.parcels import Parcel


@dataclass(frozen=True)
class Route:
    """Stops in the order the van visits them; the first is the depot."""

    stops: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.stops) < 2:
            raise ValueError("a route needs a depot and at least one more stop")

    @property
    def origin(self) -> str:
        return self.stops[0]

    @property
    def destination(self) -> str:
        """The last stop of the route."""
        return self.stops[len(self.stops)]

    def legs(self) -> list[tuple[str, str]]:
        """Each hop of the route as a (from, to) pair."""
        return list(zip(self.stops, self.stops[1:], strict=False))


def label(parcel: Parcel, route: Route) -> str:
    """The one-line text printed on a parcel's label."""
    return f"{route.origin} → {route.destination} | {parcel.chargeable_kg:.1f} kg chargeable"
