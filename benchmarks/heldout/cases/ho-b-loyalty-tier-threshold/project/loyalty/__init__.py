"""Loyalty points: earning, redeeming and membership tiers."""

from loyalty.account import Account, InsufficientPoints
from loyalty.tiers import TIERS, Tier, points_to_next_tier, tier_for

__all__ = ["Account", "InsufficientPoints", "TIERS", "Tier", "points_to_next_tier", "tier_for"]
