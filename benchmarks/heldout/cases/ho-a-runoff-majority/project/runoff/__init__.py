"""Ranked ballots counted by instant runoff."""

from runoff.ballots import Ballot, parse_ballots
from runoff.count import Result, instant_runoff, tally

__all__ = ["Ballot", "Result", "instant_runoff", "parse_ballots", "tally"]
