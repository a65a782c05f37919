"""Failures of the baseline that no edit of the project can repair: a module the project does
not have, an interpreter without pytest, a pytest option no installed plugin knows. They stop a
run before anything is proposed, with one line that says what to install or change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from homeostasis.core.errors import EnvironmentProblem
from homeostasis.core.records import TestRun
from homeostasis.tools.observe.runner import TestCommand

#: pytest's exit code for a usage error: an unknown option, a conftest that does not import.
PYTEST_USAGE_ERROR = 4
_MISSING = re.compile(r"ModuleNotFoundError: No module named '([\w.]+)'")
_USAGE = re.compile(r"^(?:\S+: )?error: (.+)$", re.MULTILINE)


def check_environment(run: TestRun, command: TestCommand, files: Iterable[str]) -> None:
    """Raise :class:`EnvironmentProblem` when ``run`` (the baseline of ``command`` on a
    project of ``files``, POSIX paths) failed for a reason outside the project's code."""
    project = _project_modules(files)
    texts = [run.output] if run.status != "ok" or not run.failures else [
        f"{f.exc_type}: {f.message}\n{f.output}" for f in run.failures]
    for text in texts:
        for name in _MISSING.findall(text):
            if name.split(".")[0] not in project:
                raise _missing_module(name, command)
    if run.status != "error":
        return
    if run.returncode == PYTEST_USAGE_ERROR and command.is_pytest:
        said = _USAGE.findall(run.output)
        why = said[-1].strip() if said else run.detail
        raise EnvironmentProblem(
            f"pytest refused its options: {why}",
            f"the project's pytest configuration (addopts) may need a plugin that "
            f"{command.python} does not have; install it there, or fix the options")


def _missing_module(name: str, command: TestCommand) -> EnvironmentProblem:
    top = name.split(".")[0]
    if top == "pytest":
        return EnvironmentProblem(
            f"{command.python} has no pytest, so the tests cannot run",
            f"install it there ({command.python} -m pip install pytest), or pass "
            f"--python or --test")
    return EnvironmentProblem(
        f"the tests need the module {name!r}, which {command.python} does not have",
        "install the project's dependencies into that environment, or pass --python with "
        "the interpreter that has them; nothing was tried")


def _project_modules(files: Iterable[str]) -> set[str]:
    """Every name the project's own files could be imported as at the top level: each folder
    and each module (without ``.py``) anywhere in the tree."""
    names: set[str] = set()
    for path in files:
        *folders, last = path.split("/")
        names.update(folders)
        if last.endswith(".py"):
            names.add(last[:-3])
    return names
