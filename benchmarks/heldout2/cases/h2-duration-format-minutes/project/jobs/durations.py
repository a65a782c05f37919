"""Human-readable durations for the job runner's status page."""
import re
from typing import Dict, List

_UNIT = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_TOKEN = re.compile(r"(\d+)\s*([dhms])")


def format_duration(seconds: int) -> str:
    """3725 -> '1h 02m 05s'; under an hour: '2m 05s'; under a minute: '42s'."""
    if seconds < 0:
        raise ValueError("negative duration")
    hours, rest = divmod(seconds, 3600)
    minutes = seconds // 60
    secs = rest % 60
    if hours:
        return f"{hours}h {minutes:02d}m {secs:02d}s"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"


def parse_duration(text: str) -> int:
    """'1h 30m', '2d', '90s' -> seconds."""
    text = text.strip().lower()
    tokens = _TOKEN.findall(text)
    if not tokens or _TOKEN.sub("", text).strip():
        raise ValueError(f"cannot parse duration {text!r}")
    return sum(int(n) * _UNIT[u] for n, u in tokens)


def status_lines(jobs: Dict[str, int]) -> List[str]:
    width = max((len(name) for name in jobs), default=0)
    return [f"{name:<{width}}  {format_duration(secs)}" for name, secs in sorted(jobs.items())]
