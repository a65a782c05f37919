"""The run history of a project, read from ``.homeostasis/runs/``: the runs listed
(``homeostasis runs``), one run's report and diff (``homeostasis show``), and what a run that
is resumed (``homeostasis fix --resume``) hands on to the next: its hints, its issue, and the
patches it already tried."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.errors import ProjectError, UsageError
from homeostasis.runs.log import RUNS_DIR

_RUN_ID = re.compile(r"^(\d{8})-(\d{6})-[0-9a-f]+$")
_DIFF_FILE = re.compile(r"^\+\+\+ (?:b/)?(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class RunSummary:
    """One run as the history lists it. ``status`` is the outcome's (``unfinished`` for a run
    stopped before its end); ``files`` those its fix changed or would change."""

    run_id: str
    started: str
    status: str
    detail: str
    files: tuple[str, ...]
    candidates: int
    dollars: float
    hints: tuple[str, ...] = ()
    resumed_from: str = ""


@dataclass(frozen=True)
class RunDetails:
    """One run in full, for ``homeostasis show``."""

    summary: RunSummary
    report: str
    diff: str
    folder: Path


@dataclass(frozen=True)
class Earlier:
    """What a resumed run takes over from the run it continues."""

    run_id: str
    hints: tuple[str, ...]
    issue: str
    tried: frozenset[str]


def runs_folder(root: Path) -> Path:
    return root / RUNS_DIR


def list_runs(root: Path) -> list[RunSummary]:
    """Every run of the project at ``root``, newest first."""
    folder = runs_folder(root)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and _RUN_ID.match(p.name)]
    return [_summary(p) for p in sorted(found, key=lambda p: p.name, reverse=True)]


def load_run(root: Path, run_id: str) -> RunDetails:
    """The run ``run_id`` (or the one run whose id starts with it); a :class:`ProjectError`
    when there is none."""
    folder = _find(root, run_id)
    return RunDetails(_summary(folder), _text(folder / "report.md"),
                      _text(folder / "winner.diff"), folder)


def earlier_run(root: Path, run_id: str) -> Earlier:
    """What ``fix --resume run_id`` continues from; a :class:`UsageError` when that run applied
    a fix (there is nothing left to look for)."""
    folder = _find(root, run_id)
    summary = _summary(folder)
    if summary.status == "applied":
        raise UsageError(f"run {summary.run_id} applied a fix; there is nothing to resume",
                         "start a new run with homeostasis fix")
    tried = frozenset(t["normalized"] for t in _jsonl(folder / "trials.jsonl")
                      if isinstance(t, dict) and t.get("normalized"))
    return Earlier(summary.run_id, summary.hints, _text(folder / "issue.md"), tried)


def format_runs(runs: list[RunSummary]) -> str:
    """The runs as a plain table, one line each."""
    if not runs:
        return "  no runs yet in this project"
    rows = [("run", "started (UTC)", "outcome", "files", "tried", "cost")]
    rows += [(r.run_id, r.started.replace("T", " ").removesuffix("Z"), r.status,
              ", ".join(r.files) or "-", str(r.candidates), f"${r.dollars:.4f}") for r in runs]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip() for row in rows)


def _find(root: Path, run_id: str) -> Path:
    folder = runs_folder(root)
    if not _RUN_ID.match(run_id) and not re.fullmatch(r"[0-9a-f-]+", run_id):
        raise UsageError(f"{run_id!r} is not a run id", "homeostasis runs lists them")
    exact = folder / run_id
    if exact.is_dir():
        return exact
    matches = sorted(p for p in folder.glob(f"{run_id}*") if p.is_dir()) if folder.is_dir() \
        else []
    if len(matches) == 1:
        return matches[0]
    which = "no run" if not matches else f"{len(matches)} runs match"
    raise ProjectError(f"{which} {run_id!r} in {folder}", "homeostasis runs lists them")


def _summary(folder: Path) -> RunSummary:
    run = _json(folder / "run.json")
    outcome = _json(folder / "outcome.json")
    usage = _json(folder / "usage.json")
    files = tuple(outcome.get("files") or ()) or tuple(
        _DIFF_FILE.findall(_text(folder / "winner.diff")))
    candidates = len(_jsonl(folder / "candidates.jsonl"))
    return RunSummary(
        run_id=folder.name, started=_started(folder.name),
        status=str(outcome.get("status") or "unfinished"),
        detail=str(outcome.get("detail") or "stopped before its end"),
        files=tuple(str(f) for f in files), candidates=candidates,
        dollars=float(usage.get("dollars") or 0.0),
        hints=tuple(str(h) for h in run.get("hints") or ()),
        resumed_from=str(run.get("resumed_from") or ""))


def _started(run_id: str) -> str:
    match = _RUN_ID.match(run_id)
    if not match:
        return ""
    stamp = time.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _jsonl(path: Path) -> list[Any]:
    lines = _text(path).splitlines()
    found = []
    for line in lines:
        try:
            found.append(json.loads(line))
        except ValueError:
            continue  # a line cut short by a killed run
    return found
