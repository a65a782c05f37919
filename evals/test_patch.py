"""A SWE-bench instance's ``test_patch``: the tests that show the bug, applied to the copy of
the project before the loop sees it, and read-only to every candidate.

The patch is applied with ``git apply`` (which works in any folder, a repository or not) and
must apply whole; what it touches is what candidates may not edit.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from homeostasis.core.errors import UsageError

_TARGET = re.compile(r"^\+\+\+ b/(.+?)\s*$", re.MULTILINE)
_REMOVED = re.compile(r"^--- a/(.+?)\s*$", re.MULTILINE)


def patched_paths(patch: str) -> tuple[str, ...]:
    """The project paths ``patch`` adds, changes or removes, in order, once each."""
    found = dict.fromkeys([*_TARGET.findall(patch), *_REMOVED.findall(patch)])
    return tuple(p for p in found if p != "/dev/null")


def apply_test_patch(project: Path, patch: str) -> tuple[str, ...]:
    """Apply ``patch`` to ``project``; the paths it touched. A :class:`UsageError` with git's
    reason when it does not apply (nothing is changed then: git applies all or nothing)."""
    try:
        done = subprocess.run(
            ["git", "apply", "--whitespace=nowarn", "-"], cwd=project, input=patch.encode(),
            capture_output=True, timeout=120, check=False,
            env={"GIT_CEILING_DIRECTORIES": str(project.parent), "LC_ALL": "C",
                 "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(project)})
    except FileNotFoundError:
        raise UsageError("the instance has a test_patch, and git, which applies it, is not "
                         "installed", "install git") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        said = lines[0] if lines else "git apply failed"
        raise UsageError(f"the test_patch does not apply: {said}")
    return patched_paths(patch)
