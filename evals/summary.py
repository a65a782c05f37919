"""The numbers an eval is judged by: counts and rates of correct / plausible / unfixed / error,
time per instance, candidates, tokens and dollars per fix, and a per-category table — as
Markdown (``summary.md``), as the table printed at the end, and as a PNG chart."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from homeostasis.evals.results import STATUSES, EvalResult


@dataclass(frozen=True)
class Summary:
    total: int
    counts: dict[str, int]
    median_time: float
    p90_time: float
    candidates_per_fix: float
    tokens_per_fix: float
    dollars_per_fix: float
    by_category: dict[str, dict[str, int]]

    def rate(self, status: str) -> float:
        return self.counts.get(status, 0) / self.total if self.total else 0.0

    @property
    def fixed(self) -> int:
        return self.counts.get("correct", 0) + self.counts.get("plausible", 0)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summarize(results: Sequence[EvalResult]) -> Summary:
    """The summary of a set of results (fix = a correct or plausible instance)."""
    counts = Counter(r.status for r in results)
    fixes = [r for r in results if r.fixed]
    times = [r.wall_time for r in results]

    def per_fix(total: float) -> float:
        return total / len(fixes) if fixes else 0.0

    by_category: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for r in results:
        by_category[r.category or "(none)"][r.status] += 1
    return Summary(
        total=len(results),
        counts={s: counts.get(s, 0) for s in STATUSES},
        median_time=statistics.median(times) if times else 0.0,
        p90_time=percentile(times, 90),
        candidates_per_fix=per_fix(sum(r.candidates_tried for r in fixes)),
        tokens_per_fix=per_fix(sum(r.tokens for r in results)),
        dollars_per_fix=per_fix(sum(r.dollars for r in results)),
        by_category=dict(sorted(by_category.items())),
    )


def render_markdown(summary: Summary, title: str = "Eval summary") -> str:
    """The summary as Markdown: headline table, then one row per category."""
    lines = [f"# {title}", "", "| outcome | instances | rate |", "|---|---:|---:|"]
    for status in STATUSES:
        lines.append(f"| {status} | {summary.counts[status]} | {summary.rate(status):.1%} |")
    fixed_rate = summary.fixed / summary.total if summary.total else 0.0
    lines += [
        f"| **plausible or better** | **{summary.fixed}** | **{fixed_rate:.1%}** |",
        f"| total | {summary.total} | |",
        "",
        "| measure | value |", "|---|---:|",
        f"| median time per instance | {summary.median_time:.1f} s |",
        f"| p90 time per instance | {summary.p90_time:.1f} s |",
        f"| candidates tried per fix | {summary.candidates_per_fix:.1f} |",
        f"| tokens per fix | {summary.tokens_per_fix:,.0f} |",
        f"| dollars per fix | ${summary.dollars_per_fix:.4f} |",
        "",
        "| category | n | correct | plausible | unfixed | error |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for category, row in summary.by_category.items():
        n = sum(row.values())
        lines.append(f"| {category} | {n} | " + " | ".join(str(row[s]) for s in STATUSES)
                     + " |")
    return "\n".join(lines) + "\n"


def write_plot(summary: Summary, path: Path) -> bool:
    """A stacked bar chart of outcomes per category as PNG; False when matplotlib is absent."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    categories = list(summary.by_category)
    colors = {"correct": "#2e7d32", "plausible": "#9ccc65", "unfixed": "#bdbdbd",
              "error": "#e57373"}
    fig, ax = plt.subplots(figsize=(10, 0.45 * len(categories) + 1.6))
    left = [0] * len(categories)
    for status in STATUSES:
        values = [summary.by_category[c][status] for c in categories]
        ax.barh(categories, values, left=left, color=colors[status], label=status)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("instances")
    ax.set_title(f"Outcome per category ({summary.fixed}/{summary.total} plausible or better, "
                 f"{summary.counts['correct']} correct)")
    ax.legend(loc="lower right", ncols=4, fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True
