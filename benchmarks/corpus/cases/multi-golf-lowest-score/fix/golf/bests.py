from __future__ import annotations

from golf.scorecard import Round


def personal_bests(rounds: list[Round]) -> dict[tuple[str, str], int]:
    """Each player's best round total per course."""
    bests: dict[tuple[str, str], int] = {}
    for r in rounds:
        key = (r.player, r.course)
        bests[key] = min(bests.get(key, r.total), r.total)
    return bests


def is_personal_best(history: list[Round], new: Round) -> bool:
    """Whether ``new`` beats every earlier round of the player on that course."""
    earlier = [r.total for r in history
               if (r.player, r.course) == (new.player, new.course) and r.day < new.day]
    return not earlier or new.total < min(earlier)


def course_records(rounds: list[Round]) -> dict[str, tuple[str, int]]:
    """Per course, the player with the best personal best, and that total."""
    records: dict[str, tuple[str, int]] = {}
    for (player, course), total in sorted(personal_bests(rounds).items()):
        if course not in records or total < records[course][1]:
            records[course] = (player, total)
    return records
