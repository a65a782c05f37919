"""Spectrum-based fault localization: lines run by failing tests more than by passing ones.

To collect a spectrum, write :func:`plugin_source` to ``<plugin_dir>/<PLUGIN_MODULE>.py``, run
the test command with :func:`coverage_env` added to its environment, then read the data file
with :func:`coverage_spectrum` and rank with :func:`ochiai`.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path

from coverage import CoverageData
from homeostasis.core.project import is_test_path
from homeostasis.core.records import Suspect
from homeostasis.tools.observe.tracebacks import project_relpath

#: Which tests ran each ``(path, line)`` of project code; paths are root-relative POSIX paths.
Spectrum = dict[tuple[str, int], set[str]]

#: The module name the coverage plugin is importable as in the test run.
PLUGIN_MODULE = "homeostasis_covplugin"


def plugin_source() -> str:
    """The text of the standalone pytest plugin (``covplugin.py``)."""
    package = resources.files("homeostasis.tools.diagnose")
    return package.joinpath("covplugin.py").read_text(encoding="utf-8")


def coverage_env(data_file: Path, source_root: Path, plugin_dir: Path) -> dict[str, str]:
    """Environment variables to add to the test run so the plugin (written to
    ``plugin_dir/PLUGIN_MODULE.py``) loads and measures; passing ``-p homeostasis_covplugin``
    as well is harmless. Paths are as the test run sees them."""
    return {
        "HOMEOSTASIS_COV_DATA": str(data_file),
        "HOMEOSTASIS_COV_SOURCE": str(source_root),
        "PYTHONPATH": str(plugin_dir),
        "PYTEST_PLUGINS": PLUGIN_MODULE,
    }


def coverage_spectrum(data_file: Path, root: Path) -> Spectrum:
    """Read the plugin's coverage data into a :data:`Spectrum` of project non-test files.

    Lines run only outside tests (e.g. at import time) are left out. A missing data file gives
    an empty spectrum.
    """
    if not data_file.is_file():
        return {}
    data = CoverageData(basename=str(data_file))
    data.read()
    spectrum: Spectrum = {}
    for measured in sorted(data.measured_files()):
        rel = project_relpath(measured, root)
        if rel is None or is_test_path(rel):
            continue
        for line, contexts in (data.contexts_by_lineno(measured) or {}).items():
            tests = {c for c in contexts if c}
            if tests:
                spectrum.setdefault((rel, line), set()).update(tests)
    return spectrum


def ochiai(spectrum: Spectrum, failing: set[str], passing: set[str]) -> list[Suspect]:
    """Rank the lines of ``spectrum`` by Ochiai, ``ef / sqrt(total_failed * (ef + ep))``.

    ``ef``/``ep`` count the failing/passing tests that ran the line. Lines no failing test ran
    are dropped. Most suspicious first, ties broken by path and line; ``source="sbfl"``.
    """
    if not failing:
        return []
    suspects = []
    for (path, line), tests in spectrum.items():
        ef = len(tests & failing)
        if ef == 0:
            continue
        ep = len(tests & passing)
        score = ef / math.sqrt(len(failing) * (ef + ep))
        reason = (f"covered by {ef}/{len(failing)} failing and {ep}/{len(passing)} passing "
                  f"tests (Ochiai {score:.2f})")
        suspects.append(Suspect(path, line, round(score, 4), "sbfl", reason))
    suspects.sort(key=lambda s: (-s.score, s.path, s.line))
    return suspects


def combine(traceback: list[Suspect], sbfl: list[Suspect], limit: int = 20) -> list[Suspect]:
    """Traceback suspects first, then SBFL ones at lines not already named, at most ``limit``."""
    seen = {(s.path, s.line) for s in traceback}
    extra = [s for s in sbfl if (s.path, s.line) not in seen]
    return [*traceback, *extra][:limit]
