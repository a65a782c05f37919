"""Run the project's tests in a workspace and read what they did into a :class:`TestRun`.

pytest commands get the flags that make their results machine-readable (JUnit XML with file
attributes, native tracebacks, no cache) and, when the command has a ``test_timeout``, a
deadline for each test (:mod:`.deadlines`); any other command is judged as one test by its exit
code, with the traceback read from its output.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.records import Failure, RunStatus, TestResult, TestRun
from homeostasis.tools.observe.deadlines import load_plugin
from homeostasis.tools.observe.junit import parse_junit
from homeostasis.tools.observe.tracebacks import parse_traceback
from homeostasis.tools.sandbox.base import Workspace
from homeostasis.tools.sandbox.limits import EXPLANATIONS

PYTEST_FLAGS = (
    "-p", "no:cacheprovider", "--tb=native", "-o", "junit_family=xunit1",
    "--continue-on-collection-errors", "-v", "-o", "console_output_style=classic",
)
#: pytest's exit codes that still mean "the session ran and reported": ok, tests failed,
#: interrupted (collection errors), no tests collected.
_REPORTED = {0, 1, 2, 5}
_OUTCOME_WORDS = ("PASSED", "FAILED", "ERROR", "SKIPPED", "XFAIL", "XPASS")


@dataclass(frozen=True)
class TestCommand:
    """How to run the project's tests: ``argv`` is the command as the user gave it, with a
    bare ``python`` standing for ``python`` (the project's interpreter); ``source_dirs``
    (relative to a workspace's root) go first on the import path of every run; a pytest run
    stops each test that takes more than ``test_timeout`` seconds (None: no such deadline)."""

    __test__ = False  # not a pytest test class

    argv: tuple[str, ...]
    python: str = sys.executable
    source_dirs: tuple[str, ...] = ()
    test_timeout: float | None = None

    @classmethod
    def parse(cls, command: str | None, python: str = sys.executable,
              source_dirs: tuple[str, ...] = (), test_timeout: float | None = None
              ) -> TestCommand:
        """The command from ``--test`` (shell-like syntax), or ``python -m pytest``; a bare
        ``python`` or ``python3`` at its start is the interpreter ``python``, so a command
        means the same whichever ``python`` comes first on the caller's PATH."""
        argv = tuple(shlex.split(command)) if command else ("python", "-m", "pytest")
        if not argv:
            raise ValueError("the test command is empty")
        if argv[0] in ("python", "python3"):
            argv = (python, *argv[1:])
        return cls(argv, python, source_dirs, test_timeout)

    def env(self, root: Path, extra: Mapping[str, str] | None = None) -> dict[str, str] | None:
        """The variables a run in a workspace at ``root`` gets: ``extra`` with the source
        folders put first on ``PYTHONPATH``; None when there is nothing to set."""
        env = dict(extra or {})
        paths = [str(root / d) for d in self.source_dirs]
        if env.get("PYTHONPATH"):
            paths.append(env["PYTHONPATH"])
        if paths:
            env["PYTHONPATH"] = os.pathsep.join(paths)
        return env or None

    @property
    def is_pytest(self) -> bool:
        head = self.argv[:3]
        return any(a.split("/")[-1] in ("pytest", "py.test") for a in head) or (
            "-m" in head and "pytest" in head
        )

    def display(self) -> str:
        """The command as a user would type it (the interpreter shown as ``python``)."""
        argv = ("python", *self.argv[1:]) if self.argv[0] == self.python else self.argv
        return shlex.join(argv)


def run_tests(
    ws: Workspace,
    command: TestCommand,
    timeout: float,
    ids: Sequence[str] = (),
    stop_first: bool = False,
    extra_args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    stop_on_hang: bool = False,
) -> TestRun:
    """Run the tests (only ``ids`` when given) in ``ws``; never raises for a failing, hanging
    or missing command — the returned run's ``status`` and ``detail`` say what happened.
    ``timeout`` is the whole run's deadline; a test past the command's ``test_timeout`` fails
    with a ``Timeout`` (and ends the run when ``stop_on_hang``). ``extra_args`` and ``env``
    reach pytest only (plugins, coverage)."""
    if not command.is_pytest:
        return _run_plain(ws, command, timeout)
    junit = ws.scratch / f"junit-{uuid.uuid4().hex}.xml"
    argv = [*command.argv, *PYTEST_FLAGS, f"--junitxml={junit}", *extra_args]
    if command.test_timeout is not None:
        deadline_args, env = load_plugin(ws, command.test_timeout, stop_on_hang, env)
        argv.extend(deadline_args)
    if stop_first:
        argv.append("-x")
    argv.extend(ids)
    res = ws.run(argv, timeout=timeout, env=command.env(ws.root, env))
    if res.status == "not_found":
        return TestRun("not_found", detail=f"test command not found: {command.argv[0]}")
    if res.status == "killed":
        return TestRun("interrupted", output=res.output, detail="cancelled")
    if res.status == "error":
        return TestRun("error", output=res.output, detail=_last_line(res.output))
    if res.status == "timeout":
        hung = hanging_test(res.output)
        where = f"; the test still running was {hung}" if hung else ""
        return TestRun(
            "timeout", output=res.output, duration=res.duration,
            detail=f"the tests did not finish within {timeout:g}s{where}",
        )
    if res.limit:
        return TestRun(res.limit, returncode=res.returncode, output=res.output,
                       duration=res.duration, detail=EXPLANATIONS[res.limit])
    report = ws.read_file(junit)
    if res.returncode not in _REPORTED or report is None:
        return TestRun(
            "error", returncode=res.returncode, output=res.output, duration=res.duration,
            detail=f"the test command failed to run (exit {res.returncode}): "
            f"{_last_line(res.output)}",
        )
    try:
        results, failures = parse_junit(report, ws.root, ws.tree)
    except ValueError as exc:
        return TestRun("error", output=res.output, detail=f"unreadable JUnit XML: {exc}")
    return TestRun(
        "ok", results=results, failures=failures, returncode=res.returncode,
        duration=res.duration, output=res.output,
    )


def _run_plain(ws: Workspace, command: TestCommand, timeout: float) -> TestRun:
    res = ws.run(command.argv, timeout=timeout, env=command.env(ws.root))
    test_id = command.display()
    if res.status == "not_found":
        return TestRun("not_found", detail=f"test command not found: {command.argv[0]}")
    if res.status != "ok":
        status: RunStatus = res.status if res.status in ("timeout", "error") else "interrupted"
        return TestRun(status, output=res.output, detail=f"{test_id}: {res.status}")
    if res.limit:
        return TestRun(res.limit, returncode=res.returncode, output=res.output,
                       duration=res.duration, detail=f"{test_id}: {EXPLANATIONS[res.limit]}")
    if res.returncode == 0:
        result = TestResult(test_id, "passed", res.duration)
        return TestRun("ok", (result,), returncode=0, duration=res.duration, output=res.output)
    frames, exc_type, message = parse_traceback(res.output, ws.root)
    failure = Failure(
        test_id, exc_type or "Error", message or _last_line(res.output), frames,
        output=res.output[-4000:],
    )
    return TestRun(
        "ok", (TestResult(test_id, "failed", res.duration),), (failure,),
        returncode=res.returncode, duration=res.duration, output=res.output,
    )


def hanging_test(output: str) -> str | None:
    """The node id pytest ``-v`` printed last without an outcome: the test that hung."""
    for line in reversed(output.splitlines()):
        match = re.match(r"^(\S+::\S+)", line.strip())
        if match:
            return None if any(w in line for w in _OUTCOME_WORDS) else match.group(1)
    return None


def _last_line(output: str) -> str:
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "no output"
