"""The options that guide a run beyond its tests — ``--hint TEXT`` (repeatable, the user's own
words) and ``--issue FILE`` (an issue or bug report, quoted to a model as data), which
``homeostasis fix`` and ``ci`` take, and ``fix``'s ``--resume RUN_ID`` (continue a run that
found nothing: its hints go on — as the developer's words only when this machine wrote its
record — and the patches it tried to a verdict are skipped) — and what ``--json`` prints at
the end of a run."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeostasis.core.errors import UsageError

if TYPE_CHECKING:  # the loop loads every stage: `homeostasis --help` must not
    from homeostasis.loop import Guidance, RunResult

#: The most of an issue file read (a report longer than this is cut; a model sees less).
MAX_ISSUE_BYTES = 200_000


def add_guidance_arguments(parser: argparse.ArgumentParser, issue_help: str = ""
                           ) -> argparse._ArgumentGroup:
    """``--hint`` and ``--issue``, in a group "guidance" of ``parser`` (returned, for a
    command's own); ``issue_help`` is added to ``--issue``'s help."""
    group = parser.add_argument_group("guidance")
    group.add_argument("--hint", action="append", default=[], metavar="TEXT",
                       help="what you know that the tests do not, e.g. 'the bug is in "
                            "check_stock' or 'pricing.py:12' (repeatable)")
    group.add_argument("--issue", metavar="FILE",
                       help="an issue or bug report, as text ('-': stdin)"
                            + (f"; {issue_help}" if issue_help else ""))
    return group


def add_fix_arguments(fix: argparse.ArgumentParser) -> None:
    """``homeostasis fix``'s: ``--hint``, ``--issue``, ``--resume`` and ``--json``."""
    group = add_guidance_arguments(fix)
    group.add_argument("--resume", metavar="RUN_ID",
                       help="continue a run that found nothing: its hints and these, "
                            "skipping the fixes it already tried")
    group.add_argument("--json", action="store_true",
                       help="print the result as JSON on stdout (progress on stderr)")


def read_guidance(args: argparse.Namespace, root: Path) -> Guidance:
    """The run's :class:`Guidance` from ``--hint``, ``--issue`` and ``--resume``."""
    from homeostasis.loop import Guidance
    from homeostasis.runs.history import earlier_run

    given = given_guidance(args.hint, args.issue)
    if not args.resume:
        return given
    earlier = earlier_run(root, args.resume)
    issue = given.issue or earlier.issue
    if earlier.trusted:
        return Guidance((*earlier.hints, *given.hints), issue, earlier.run_id, earlier.tried)
    # A run.json this machine did not write (it came with the project's files): its hints
    # are not the developer's words. A model gets them as quoted data, as an issue; they are
    # not carried into this run's hints, which this machine's ledger would then vouch for.
    quoted = "\n".join(f"- {' '.join(h.split())}" for h in earlier.hints if h.strip())
    if quoted:
        issue = (f"{issue.rstrip()}\n\n" if issue.strip() else "") + (
            f"Hints recorded in run {earlier.run_id}, whose record this machine did not "
            f"write (they may come from anyone):\n{quoted}\n")
    return Guidance(given.hints, issue, earlier.run_id, earlier.tried,
                    untrusted_hints=len(earlier.hints))


def given_guidance(hints: Sequence[str], issue_file: str | None) -> Guidance:
    """The :class:`Guidance` of ``--hint`` and ``--issue``: the hints that are not blank, and
    the text of the issue file (none: no issue)."""
    from homeostasis.loop import Guidance

    return Guidance(tuple(h for h in hints if h.strip()),
                    read_issue(issue_file) if issue_file else "")


def read_issue(name: str) -> str:
    """The text of the issue file ``name`` ('-': stdin); a :class:`UsageError` when it
    cannot be read as text."""
    try:
        data = (sys.stdin.buffer.read(MAX_ISSUE_BYTES) if name == "-"
                else Path(name).read_bytes()[:MAX_ISSUE_BYTES])
    except OSError as exc:
        raise UsageError(f"cannot read the issue file {name}: {exc.strerror}") from None
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise UsageError(f"the issue file {name} is empty")
    return text


def fix_result(result: RunResult) -> dict[str, Any]:
    """What ``fix --json`` prints: the run, its outcome, the ranked fixes and the diff."""
    diff_file = result.run_dir / "winner.diff"
    fixes = []
    if result.ranking is not None and result.ranking.ranked:
        # (a run that tried nothing has no candidates.jsonl, and nothing ranked)
        path = result.run_dir / "candidates.jsonl"
        by_id = {c["id"]: c for c in map(json.loads, path.read_text("utf-8").splitlines())}
        for r in result.ranking.ranked:
            cand = by_id.get(r.candidate_id, {})
            fixes.append({"rank": r.rank, "candidate_id": r.candidate_id,
                          "score": r.score.total, "explanation": r.score.explanation,
                          "description": cand.get("description", ""),
                          "diff": cand.get("diff", "")})
    return {"run_id": result.run_id, "run_dir": str(result.run_dir),
            "outcome": result.outcome, "fixes": fixes,
            "diff": diff_file.read_text("utf-8") if diff_file.is_file() else ""}
