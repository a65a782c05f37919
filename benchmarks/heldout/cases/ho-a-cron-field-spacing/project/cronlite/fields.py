"""One field of a cron expression: ``*``, ``*/15``, ``1-5``, ``1,15,30``, ``10-40/10``, ``mon-fri``."""

from __future__ import annotations

NAMES = {
    "dow": {d: i for i, d in enumerate(["sun", "mon", "tue", "wed", "thu", "fri", "sat"])},
    "month": {m: i + 1 for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])},
}
BOUNDS = {"minute": (0, 59), "hour": (0, 23), "dom": (1, 31), "month": (1, 12), "dow": (0, 6)}


class CronError(ValueError):
    """A malformed cron expression."""


def _number(text: str, kind: str) -> int:
    text = text.lower()
    if text in NAMES.get(kind, {}):
        return NAMES[kind][text]
    if not text.isdigit():
        raise CronError(f"bad {kind} value {text!r}")
    return int(text)


def parse_field(text: str, kind: str) -> frozenset[int]:
    low, high = BOUNDS[kind]
    values: set[int] = set()
    for part in text.split(","):
        base, _, step_text = part.partition("/")
        step = _number(step_text, kind) if step_text else 1
        if step < 1:
            raise CronError(f"bad step in {part!r}")
        if base == "*":
            start, stop = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start, stop = _number(first, kind), _number(last, kind)
        else:
            start = _number(base, kind)
            stop = high if step_text else start
        if not low <= start <= stop <= high:
            raise CronError(f"{part!r} is outside {low}-{high} for {kind}")
        values.update(range(start, stop + 1, step))
    return frozenset(values)
