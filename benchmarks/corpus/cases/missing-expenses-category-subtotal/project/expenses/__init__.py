"""Travel expense claims: items, policy limits and a per-category breakdown."""

from expenses.claim import Claim, Item
from expenses.policy import LIMITS, violations
from expenses.summary import CategoryTotal, breakdown, statement

__all__ = ["CategoryTotal", "Claim", "Item", "LIMITS", "breakdown", "statement", "violations"]
