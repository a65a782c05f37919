"""The run history of a project, read from ``.homeostasis/runs/``: the runs listed
(``homeostasis runs``), one run's report and diff (``homeostasis show``), and what a run that
is resumed (``homeostasis fix --resume``) hands on to the next: its hints, its issue, and the
patches it and the runs it resumed already tried."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.errors import ProjectError, UsageError
from homeostasis.runs.log import RUNS_DIR
from homeostasis.runs.trust import written_here
from homeostasis.tools.deploy.worktree import UNDO_DIR
from homeostasis.tools.observe.deadlines import TIMEOUT_MESSAGE, TIMEOUT_TYPE

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
    """What a resumed run takes over from the run it continues: its hints (``trusted`` when
    this machine wrote its ``run.json``; else they are not the developer's words), its issue,
    and the programs it and the runs it resumed tried to a verdict."""

    run_id: str
    hints: tuple[str, ...]
    issue: str
    tried: frozenset[str]
    trusted: bool = True


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
    """What ``fix --resume run_id`` continues from: only a run that found nothing (``no_fix``,
    or stopped before its end with no fix of its in place). A :class:`UsageError` saying why
    for any other."""
    folder = _find(root, run_id)
    summary = _summary(folder)
    _check_resumable(root, summary)
    record = _text_bytes(folder / "run.json")
    run = _json(folder / "run.json")
    inherited = frozenset(str(k) for k in run.get("tried") or () if isinstance(k, str))
    tried = inherited | frozenset(t["normalized"] for t in _jsonl(folder / "trials.jsonl")
                                  if reached_verdict(t))
    return Earlier(summary.run_id, summary.hints, _text(folder / "issue.md"), tried,
                   trusted=written_here(summary.run_id, record))


def _check_resumable(root: Path, summary: RunSummary) -> None:
    """A :class:`UsageError` when the run found something (there is nothing left to look
    for, and what it found would be skipped as "tried")."""
    run, status = summary.run_id, summary.status
    if status == "no_fix" or (status == "unfinished" and not _undo_record(root, run)):
        return
    fresh = "start a new run with homeostasis fix"
    if status == "applied" or status == "unfinished":
        raise UsageError(f"run {run} applied a fix; there is nothing to resume",
                         f"homeostasis undo --run {run} puts the old bytes back; then {fresh}")
    if status == "nothing_to_fix":
        raise UsageError(f"run {run} had nothing to fix; there is nothing to resume", fresh)
    raise UsageError(f"run {run} found a fix ({status}: {summary.detail}); only a run that "
                     "found nothing can be resumed",
                     f"homeostasis show {run} shows it; {fresh} to apply it")


def _undo_record(root: Path, run_id: str) -> bool:
    """Whether run ``run_id`` left an undo record that was not undone (its fix was written)."""
    return (root / UNDO_DIR / f"{run_id}.json").is_file()


def reached_verdict(trial: Any) -> bool:
    """Whether a trial (as ``trials.jsonl`` holds it) judged its program wrong on its merits:
    failed or rejected by tests that ran to their end. A hang, a timeout or a sandbox limit
    says only that this run's limits stopped it, and a plausible program is not a failure:
    neither is skipped by a run that resumes this one (with other limits, say)."""
    if not isinstance(trial, dict) or not trial.get("normalized"):
        return False
    if trial.get("status") not in ("failed", "rejected"):
        return False
    runs = trial.get("runs") or []
    return all(isinstance(r, dict) and r.get("status") == "ok" and not any(
        isinstance(f, dict) and f.get("exc_type") == TIMEOUT_TYPE
        and str(f.get("message", "")).startswith(TIMEOUT_MESSAGE)
        for f in r.get("failures") or ()) for r in runs)


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


def _text_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


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
