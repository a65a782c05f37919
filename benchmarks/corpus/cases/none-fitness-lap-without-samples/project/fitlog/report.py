from __future__ import annotations

from typing import Iterable

from fitlog.laps import Lap


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def lap_table(laps: Iterable[Lap]) -> str:
    """One line per lap: number, duration, average and maximum heart rate (``--`` if none)."""
    lines = []
    for lap in laps:
        avg, top = lap.average_hr, lap.max_hr
        lines.append(f"{lap.number:>2} {_clock(lap.seconds):>6} "
                     f"{'--' if avg is None else round(avg):>4} {'--' if top is None else top:>4}")
    return "\n".join(lines)
