"""``predictions.jsonl``: the eval's patches in the form SWE-bench's own harness grades.

One line per instance, ``{"instance_id", "model_name_or_path", "model_patch"}``, where the
patch is the fix applied to the instance's project as a unified diff with ``a/``/``b/`` paths
relative to the project (the repository's root for a SWE-bench instance), or ``""`` when
nothing was applied. Lines are appended as results come in, beside ``results.jsonl``; a
resumed eval first writes the file again from the results already recorded, so each instance
has exactly one line whatever was killed when.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from homeostasis.core.config import Settings
from homeostasis.evals.results import EvalResult

FILE = "predictions.jsonl"


def model_name(settings: Settings, proposer: str | None) -> str:
    """What made the patches: Homeostasis and its model, proposer, or offline engine."""
    return f"homeostasis/{settings.model or proposer or 'templates'}"


def _line(result: EvalResult, model: str) -> str:
    return json.dumps({"instance_id": result.instance_id, "model_name_or_path": model,
                       "model_patch": result.diff}, ensure_ascii=False) + "\n"


def append_prediction(path: Path, result: EvalResult, model: str) -> None:
    """Append ``result``'s line and push it to disk before returning."""
    with path.open("a", encoding="utf-8") as fh:
        fh.write(_line(result, model))
        fh.flush()
        os.fsync(fh.fileno())


def write_predictions(path: Path, results: Sequence[EvalResult], model: str) -> None:
    """``path`` made anew from ``results`` (atomically: a kill leaves the old file or the new)."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        fh.writelines(_line(r, model) for r in results)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)
