"""Per-instance eval results and the ``results.jsonl`` file that holds them, one line each,
appended as instances finish so a killed eval loses only the instances in flight."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from homeostasis.core.records import from_json, to_json

EvalStatus = Literal["correct", "plausible", "unfixed", "error"]
STATUSES: tuple[EvalStatus, ...] = ("correct", "plausible", "unfixed", "error")


@dataclass(frozen=True)
class EvalResult:
    """``plausible`` means plausible but not shown correct (hidden tests failed, or none);
    ``error`` carries its ``reason`` (a broken instance, a crash, a timeout)."""

    instance_id: str
    status: EvalStatus
    reason: str = ""
    category: str = ""
    diff: str = ""
    candidates_tried: int = 0
    candidates_plausible: int = 0
    wall_time: float = 0.0
    tokens: int = 0
    dollars: float = 0.0
    run_dir: str = ""

    @property
    def fixed(self) -> bool:
        return self.status in ("correct", "plausible")


def append_result(path: Path, result: EvalResult) -> None:
    """Append one result line and push it to disk before returning."""
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(to_json(result), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_results(path: Path) -> list[EvalResult]:
    """The results recorded so far; a torn last line (a kill mid-write) is skipped."""
    if not path.is_file():
        return []
    results: list[EvalResult] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            results.append(from_json(EvalResult, json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return results


def drop_torn_line(path: Path) -> None:
    """Cut off a last line that a kill left without its newline: that instance has no result
    (:func:`read_results` skips the line) and runs again, and the next result appended starts
    a line of its own instead of running on from the torn one."""
    if not path.is_file():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)
