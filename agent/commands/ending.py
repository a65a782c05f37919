"""How a command that ends through an exception tells it: one line on stderr (an error, a
stop by Ctrl-C, SIGTERM or SIGHUP, an internal error), and with ``--json`` its one result on
stdout all the same (:mod:`homeostasis.commands.output`).

For ``homeostasis fix`` the line tells the truth about the user's files, whenever the run was
stopped: once the run has records, its files are asked (the run's undo record, written by this
machine, matching them: :func:`homeostasis.session.applied_outcome`), so it says either that
the fix stays applied and how to undo it, or that the files were not changed. Imports beyond
the standard library are made when needed: ``homeostasis --help`` loads this module.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from homeostasis.core.errors import HomeostasisError, Interrupted

if TYPE_CHECKING:
    from homeostasis.core.records import Outcome


@dataclass
class Ending:
    """The command running (``as_json``: it was given ``--json``) and, for ``fix``, its
    project and run once the run has records; each method says how the command ended and
    returns its exit code."""

    command: str
    as_json: bool = False
    root: Path | None = None
    run_id: str = ""

    def applied(self) -> Outcome | None:
        """The run's fix when the files hold it, else None (also before the run started)."""
        if self.root is None or not self.run_id:
            return None
        from homeostasis.session import applied_outcome

        return applied_outcome(self.root, self.run_id)

    def error(self, exc: HomeostasisError) -> int:
        applied = self._say(f"error: {exc}")
        return self._result(str(exc), exc.exit_code, applied)

    def stopped(self, exc: KeyboardInterrupt) -> int:
        """Ctrl-C, SIGTERM or SIGHUP: 130, 143 or 129."""
        why = f"stopped by {exc}" if isinstance(exc, Interrupted) else "interrupted"
        applied = self.applied()
        left = stays(applied) if applied is not None else "your files were not changed"
        with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
            print(f"\nhomeostasis: {why}; {left}", file=sys.stderr)
        return self._result(why, exc.exit_code if isinstance(exc, Interrupted) else 130,
                            applied)

    def crashed(self, what: str, log: Path) -> int:
        """An internal error (a bug), its traceback in ``log``: 70."""
        applied = self._say(f"{what} (traceback in {log}; please report it)")
        return self._result(what, 70, applied, crash_log=str(log))

    def _say(self, line: str) -> Outcome | None:
        """``line`` on stderr, then, when the run's fix is in place, that it stays; that
        fix."""
        applied = self.applied()
        print(f"homeostasis: {line}", file=sys.stderr)
        if applied is not None:
            print(f"homeostasis: {stays(applied)}", file=sys.stderr)
        return applied

    def _result(self, error: str, code: int, applied: Outcome | None, **more: Any) -> int:
        """With ``--json``, the error and exit code (and, for ``fix``, the run and what it
        left applied) as the command's one result; returns ``code``."""
        if self.as_json:  # a script reading stdout gets a result too
            from homeostasis.commands.output import emit

            run: dict[str, Any] = {}
            if self.root is not None and self.run_id:
                from homeostasis.runs.log import RUNS_DIR

                run = {"run_id": self.run_id, "outcome": applied,
                       "run_dir": str(self.root / RUNS_DIR / self.run_id)}
            with contextlib.suppress(OSError):  # after SIGHUP stdout may be gone
                emit(self.command, {"error": error, "exit_code": code, **more, **run})
        return code


def stays(applied: Outcome) -> str:
    """What is said of a fix left in place by a run that ended early."""
    fix = f"the fix {applied.candidate_id}" if applied.candidate_id else "the fix"
    return (f"{fix} stays applied ({', '.join(applied.files)}); homeostasis undo puts the old "
            "bytes back")


def usage_error(argv: list[str], code: int) -> None:
    """With ``--json`` in ``argv``, the one result of arguments the parser refused (its
    message is on stderr)."""
    if "--json" in argv:
        from homeostasis.commands.output import emit

        command = next((a for a in argv if not a.startswith("-")), "")
        emit(command, {"error": "bad arguments (see the message on stderr)",
                       "exit_code": code})
