"""Spectrum-based fault localization: lines run by failing tests more than by passing ones.

To measure a spectrum, write :func:`plugin_source` to ``<plugin_dir>/<PLUGIN_MODULE>.py``, run
the pytest command with :data:`PLUGIN_ARGS` and :func:`spectrum_env` added to its environment
(whatever interpreter runs it: the plugin needs only pytest there), read the JSON file it wrote
with :func:`read_spectrum`, then rank with :func:`ochiai`.
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

from homeostasis.core.project import is_test_path
from homeostasis.core.records import Suspect
from homeostasis.tools.observe.tracebacks import project_relpath

#: Which tests ran each ``(path, line)`` of project code; paths are root-relative POSIX paths.
Spectrum = dict[tuple[str, int], set[str]]

#: The module name the spectrum plugin is importable as in the test run.
PLUGIN_MODULE = "homeostasis_spectrum"
#: The pytest arguments that load the plugin.
PLUGIN_ARGS = ("-p", PLUGIN_MODULE)


class SpectrumError(Exception):
    """The plugin's output cannot be read; ``str()`` says why, in a few words."""


def plugin_source() -> str:
    """The text of the standalone pytest plugin (``spectrum_plugin.py``)."""
    package = resources.files("homeostasis.tools.diagnose")
    return package.joinpath("spectrum_plugin.py").read_text(encoding="utf-8")


def spectrum_env(out: Path, root: Path, plugin_dir: Path) -> dict[str, str]:
    """Environment variables to add to the test run so that the plugin, written to
    ``plugin_dir/PLUGIN_MODULE.py``, can be loaded and writes its JSON to ``out``, tracing the
    code under ``root``. Paths are as the test run sees them."""
    return {
        "HOMEOSTASIS_SPECTRUM_OUT": str(out),
        "HOMEOSTASIS_SPECTRUM_ROOT": str(root),
        "PYTHONPATH": str(plugin_dir),
    }


def read_spectrum(data: bytes, root: Path) -> Spectrum:
    """The plugin's JSON output as a :data:`Spectrum` of the project's non-test files under
    ``root`` (the root as the test run saw it); :class:`SpectrumError` when it is not the
    plugin's output. Lines run only outside tests were never recorded."""
    try:
        tests = json.loads(data)["tests"]
        runs = [(str(test), str(path), [int(n) for n in lines])
                for test, files in tests.items() for path, lines in files.items()]
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise SpectrumError(f"the plugin's output is unreadable ({type(exc).__name__}: "
                            f"{str(exc)[:100]})") from None
    spectrum: Spectrum = {}
    relpaths: dict[str, str | None] = {}
    for test, path, lines in runs:
        if path not in relpaths:
            rel = project_relpath(path, root)
            relpaths[path] = None if rel is None or is_test_path(rel) else rel
        rel = relpaths[path]
        if rel is not None:
            for line in lines:
                spectrum.setdefault((rel, line), set()).add(test)
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
