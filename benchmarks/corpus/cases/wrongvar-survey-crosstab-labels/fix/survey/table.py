"""Printing a cross-tabulation as an aligned text table of column percentages."""

from __future__ import annotations

from survey.crosstab import Crosstab


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def render_crosstab(table: Crosstab) -> str:
    """A header of segment names, then one line per answer with the share of each
    segment that gave it, and the share of all respondents."""
    sizes = {s: table.segment_size(s) for s in table.segments}
    everyone = sum(sizes.values())
    rows = [[table.question, *table.segments, "all"]]
    for answer in table.answers():
        counts = table.counts[answer]
        cells = []
        for segment in table.segments:
            cells.append(percent(counts[segment], sizes[segment]))
        rows.append([answer, *cells, percent(sum(counts.values()), everyone)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                  for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    )
