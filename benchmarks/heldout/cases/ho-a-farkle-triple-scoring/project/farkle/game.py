"""One player's turn: roll, set aside scoring dice, roll again or bank."""

from __future__ import annotations

import random

from farkle.scoring import all_scoring, has_score, score


class Farkled(Exception):
    """The roll scored nothing: the turn is over and its points are lost."""


class Turn:
    def __init__(self, rng: random.Random | None = None) -> None:
        self.rng = rng or random.Random()
        self.points = 0
        self.dice_left = 6
        self.over = False
        self.last_roll: list[int] = []

    def roll(self) -> list[int]:
        if self.over:
            raise RuntimeError("the turn is over")
        self.last_roll = [self.rng.randint(1, 6) for _ in range(self.dice_left)]
        if not has_score(self.last_roll):
            self.points = 0
            self.over = True
            raise Farkled(self.last_roll)
        return self.last_roll

    def keep(self, dice: list[int]) -> int:
        """Set ``dice`` (taken from the last roll) aside and add their score."""
        pool = list(self.last_roll)
        for d in dice:
            if d not in pool:
                raise ValueError(f"{d} was not rolled")
            pool.remove(d)
        if not all_scoring(dice):
            raise ValueError(f"not every die in {dice} scores")
        self.points += score(dice)
        self.dice_left -= len(dice)
        if self.dice_left == 0:
            self.dice_left = 6
        self.last_roll = []
        return self.points

    def bank(self) -> int:
        self.over = True
        return self.points
