"""Free/busy computations on minute offsets within a day."""
from typing import Iterable, List, Tuple

Interval = Tuple[int, int]


def merge_intervals(intervals: Iterable[Interval]) -> List[Interval]:
    """Union of half-open [start, end) intervals as sorted, disjoint intervals.

    Intervals that touch (one ends where the next starts) are merged too.
    """
    merged: List[List[int]] = []
    for start, end in sorted(intervals):
        if start > end:
            raise ValueError(f"bad interval {(start, end)}")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def free_slots(busy: Iterable[Interval], day_start: int, day_end: int,
               min_length: int = 0) -> List[Interval]:
    """Gaps between busy intervals within [day_start, day_end) at least min_length long."""
    free = []
    cursor = day_start
    for start, end in merge_intervals(busy):
        if start > cursor:
            free.append((cursor, min(start, day_end)))
        cursor = max(cursor, end)
        if cursor >= day_end:
            break
    if cursor < day_end:
        free.append((cursor, day_end))
    return [(s, e) for s, e in free if e > s and e - s >= min_length]


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
