"""Golf tournament scoring: scorecards, the leaderboard and personal bests."""

from golf.bests import course_records, is_personal_best, personal_bests
from golf.leaderboard import leaderboard
from golf.scorecard import Round, format_to_par

__all__ = ["Round", "course_records", "format_to_par", "is_personal_best", "leaderboard",
           "personal_bests"]
