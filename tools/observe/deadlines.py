"""Per-test deadlines: in a pytest run each test gets its own, so a test that hangs is stopped
alone and named, and becomes a failing test whose traceback is where it was stuck, while the
other tests' results stand.

The deadline is kept inside the run by a standalone pytest plugin (``deadline_plugin.py``,
stdlib and pytest only), written into the workspace's scratch folder with ``put_file`` — so it
reaches either sandbox — and loaded with ``-p`` from a folder added to ``PYTHONPATH``. The
baseline's tests get ``test_timeout`` each; a candidate's get :func:`candidate_deadline`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from importlib import resources

from homeostasis.core.config import Settings
from homeostasis.core.records import TestRun
from homeostasis.tools.sandbox.base import Workspace

#: The name the plugin is loaded by (``-p``) in the project's interpreter.
PLUGIN_MODULE = "homeostasis_deadline"
#: What a test that ran out of time fails with: the plugin's ``Timeout`` and ``MESSAGE``.
TIMEOUT_TYPE = "Timeout"
TIMEOUT_MESSAGE = "the test did not finish within "
#: A candidate's test may take this many times the slowest test of the baseline…
SLOWDOWN = 10.0
#: …and never less than this many seconds (a test's time varies with the machine's load).
FLOOR = 2.0
#: The run that measures the spectrum may take this many times a candidate's deadline.
TRACING = 3.0


@functools.cache
def plugin_source() -> bytes:
    """The text of the standalone plugin, as written into workspaces."""
    package = resources.files("homeostasis.tools.observe")
    return package.joinpath("deadline_plugin.py").read_bytes()


def load_plugin(ws: Workspace, seconds: float, stop_on_hang: bool,
                env: Mapping[str, str] | None) -> tuple[list[str], dict[str, str]]:
    """Write the plugin into ``ws``'s scratch folder; the pytest arguments that load it with
    ``seconds`` per test (ending the session at the first hang when ``stop_on_hang``), and
    ``env`` with the plugin's folder last on ``PYTHONPATH``."""
    folder = ws.scratch / "plugins"
    ws.put_file(folder / f"{PLUGIN_MODULE}.py", plugin_source())
    args = ["-p", PLUGIN_MODULE, f"--homeostasis-test-timeout={seconds:g}"]
    if stop_on_hang:
        args.append("--homeostasis-stop-on-hang")
    paths = [p for p in (env or {}).get("PYTHONPATH", "").split(os.pathsep) if p]
    path = os.pathsep.join(dict.fromkeys([*paths, str(folder)]))
    return args, {**(env or {}), "PYTHONPATH": path}


def hung(run: TestRun) -> tuple[str, ...]:
    """The tests of ``run`` stopped at their deadline."""
    return tuple(f.test_id for f in run.failures
                 if f.exc_type == TIMEOUT_TYPE and f.message.startswith(TIMEOUT_MESSAGE))


def candidate_deadline(baseline: TestRun, ceiling: float) -> float:
    """A candidate's per-test deadline: :data:`SLOWDOWN` times the slowest test that finished
    in the baseline (passing or failing: a failing test may be slow because of the bug, and a
    deadline is better generous than cutting a right fix), at least :data:`FLOOR` seconds and
    never above ``ceiling`` (the baseline's own)."""
    stuck = set(hung(baseline))
    slowest = max((r.duration for r in baseline.results if r.test_id not in stuck), default=0.0)
    return min(ceiling, max(FLOOR, SLOWDOWN * slowest))


def measuring_deadline(per_test: float, settings: Settings) -> float:
    """The per-test deadline of the run that measures the spectrum: :data:`TRACING` times a
    candidate's (``per_test``), for the tracer's overhead (up to 12 times under ``sys.settrace``),
    never above the baseline's own. A test that hung in the baseline is stopped this much
    sooner the second time (its spectrum up to there is what localisation needs)."""
    return min(settings.test_timeout, TRACING * per_test)


def time_without_hangs(run: TestRun) -> float:
    """How long ``run`` took, less the time its hung tests spent before their deadline."""
    stuck = set(hung(run))
    return max(0.0, run.duration - sum(r.duration for r in run.results if r.test_id in stuck))
