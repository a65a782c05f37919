from __future__ import annotations

from collections import defaultdict

from golf.scorecard import Round, format_to_par


def leaderboard(rounds: list[Round]) -> list[tuple[int, str, int, str]]:
    """(place, player, strokes, to par) over all of each player's rounds, lowest total first.

    Players on the same total share a place, and the next place is skipped.
    """
    strokes: dict[str, int] = defaultdict(int)
    par: dict[str, int] = defaultdict(int)
    for r in rounds:
        strokes[r.player] += r.total
        par[r.player] += r.par
    players = sorted(strokes, key=lambda p: (strokes[p], p), reverse=True)
    table: list[tuple[int, str, int, str]] = []
    for index, player in enumerate(players):
        if index and strokes[player] == strokes[players[index - 1]]:
            place = table[-1][0]
        else:
            place = index + 1
        table.append((place, player, strokes[player], format_to_par(strokes[player] - par[player])))
    return table
