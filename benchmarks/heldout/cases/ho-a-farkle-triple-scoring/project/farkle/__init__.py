"""Scoring and turn logic for the dice game Farkle."""

from farkle.game import Farkled, Turn
from farkle.scoring import has_score, score

__all__ = ["Farkled", "Turn", "has_score", "score"]
