"""Run records: everything a run learns, written under ``.homeostasis/runs/<run-id>/`` as it
goes, so a killed run leaves what it had and any run can be inspected or replayed.

    run.json          the command, options, hints, and the run it resumed and what that
                      one had tried (each write listed in this machine's ledger of run
                      records: homeostasis.runs.trust)
    failure.json      the baseline test run: failures, passing tests, counts
    suspects.json     ranked fault locations
    context.json      the source the proposers saw
    candidates.jsonl  one candidate per line, as proposed
    trials.jsonl      one trial per line, as finished
    ranking.json      the ranked survivors with their score breakdown
    winner.diff       the chosen patch
    report.md         a short human-readable account
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from homeostasis.core.errors import ProjectError
from homeostasis.core.records import to_json
from homeostasis.runs import trust

RUNS_DIR = Path(".homeostasis") / "runs"


def new_run_id() -> str:
    """A run id that sorts by start time: ``20261126-043512-a1b2``."""
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + secrets.token_hex(2)


class RunLog:
    """Writes the records of one run into ``root/.homeostasis/runs/<run_id>/``."""

    def __init__(self, project_root: Path, run_id: str | None = None) -> None:
        """Make the run's folder; a :class:`ProjectError` when it cannot be made (e.g. a file
        named ``.homeostasis`` is in the way)."""
        self.run_id = run_id or new_run_id()
        self.dir = project_root / RUNS_DIR / self.run_id
        ignore = project_root / ".homeostasis" / ".gitignore"
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
        except OSError as exc:
            raise ProjectError(
                f"cannot keep run records in {project_root / '.homeostasis'}: {exc.strerror}",
                "it must be a folder Homeostasis can write to; move whatever is there away",
            ) from None

    def write_json(self, name: str, record: Any) -> bytes:
        """Write one JSON file atomically (a reader never sees half of it); its bytes."""
        tmp = self.dir / f".{name}.tmp"
        data = (json.dumps(to_json(record), indent=2, ensure_ascii=False) + "\n").encode()
        tmp.write_bytes(data)
        os.replace(tmp, self.dir / name)
        return data

    def write_run(self, record: Any) -> None:
        """Write ``run.json`` and add its bytes to this machine's ledger of run records
        (:mod:`homeostasis.runs.trust`), so a resumed run can tell they were written here."""
        trust.remember(self.run_id, self.write_json("run.json", record))

    def append_jsonl(self, name: str, record: Any) -> None:
        """Append one line to a JSONL file and flush it to disk."""
        with (self.dir / name).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(to_json(record), ensure_ascii=False) + "\n")
            fh.flush()

    def write_text(self, name: str, text: str) -> None:
        (self.dir / name).write_text(text, encoding="utf-8")

    def path(self, name: str) -> Path:
        return self.dir / name
