"""Fixed-width histograms for latency reports."""
from typing import List, Optional, Sequence, Tuple


def histogram(values: Sequence[float], bins: int, lo: Optional[float] = None,
              hi: Optional[float] = None) -> Tuple[List[int], List[float]]:
    """Counts per bin and the bin edges; values outside [lo, hi] are ignored.

    Bins are half-open [edge, next edge) except the last one, which includes hi.
    """
    if bins < 1:
        raise ValueError("need at least one bin")
    if not values and (lo is None or hi is None):
        raise ValueError("cannot infer a range from no values")
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    if hi <= lo:
        hi = lo + 1
    width = (hi - lo) / bins
    counts = [0] * bins
    for v in values:
        if v < lo or v > hi:
            continue
        index = int((v - lo) / width)
        if index == bins:
            index -= 1
        counts[index] += 1
    edges = [lo + i * width for i in range(bins + 1)]
    return counts, edges


def render(counts: List[int], edges: List[float], width: int = 20) -> str:
    peak = max(counts) or 1
    lines = []
    for count, left, right in zip(counts, edges, edges[1:]):
        bar = "#" * round(count / peak * width)
        lines.append(f"{left:8.1f} - {right:8.1f} | {bar} {count}")
    return "\n".join(lines)
