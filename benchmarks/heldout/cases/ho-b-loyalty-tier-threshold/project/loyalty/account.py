"""A member's points account."""

from __future__ import annotations

from dataclasses import dataclass, field

from loyalty.tiers import Tier, tier_for


class InsufficientPoints(Exception):
    """A redemption asked for more points than the account holds."""


@dataclass
class Account:
    member_id: str
    balance: int = 0
    lifetime: int = 0
    history: list[tuple[str, int]] = field(default_factory=list)

    @property
    def tier(self) -> Tier:
        return tier_for(self.lifetime)

    def earn(self, amount_cents: int) -> int:
        """Credit points for a purchase: whole dollars times the current tier's multiplier."""
        if amount_cents < 0:
            raise ValueError("purchase amount cannot be negative")
        points = int((amount_cents // 100) * self.tier.multiplier)
        self.balance += points
        self.lifetime += points
        self.history.append(("earn", points))
        return points

    def redeem(self, points: int) -> int:
        """Spend points from the balance; lifetime points (and so the tier) are kept."""
        if points <= 0:
            raise ValueError("redeem a positive number of points")
        if points > self.balance:
            raise InsufficientPoints(f"{self.member_id} has {self.balance}, asked for {points}")
        self.balance -= points
        self.history.append(("redeem", points))
        return self.balance
