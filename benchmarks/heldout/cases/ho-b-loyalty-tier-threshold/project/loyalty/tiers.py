"""Membership tiers and the earning rate that comes with each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    name: str
    threshold: int  # lifetime points needed to reach the tier
    multiplier: float  # points earned per whole dollar spent


TIERS: tuple[Tier, ...] = (
    Tier("Bronze", 0, 1.0),
    Tier("Silver", 1000, 1.25),
    Tier("Gold", 5000, 1.5),
    Tier("Platinum", 20000, 2.0),
)


def tier_for(lifetime_points: int) -> Tier:
    """The highest tier whose threshold the member's lifetime points have reached."""
    if lifetime_points < 0:
        raise ValueError("lifetime points cannot be negative")
    current = TIERS[0]
    for tier in TIERS[1:]:
        if lifetime_points > tier.threshold:
            current = tier
    return current


def points_to_next_tier(lifetime_points: int) -> int | None:
    """Points still needed to reach the next tier up, or None at the top tier."""
    current = tier_for(lifetime_points)
    index = TIERS.index(current)
    if index == len(TIERS) - 1:
        return None
    return TIERS[index + 1].threshold - lifetime_points
