"""Diagnose: from the baseline's failures to ranked suspects and the context a proposer sees.

Traceback frames come first (innermost project frame first); a collection error caused by a
syntax error points at its line; and per-test coverage, measured in the sandbox, ranks every
executed line by Ochiai — which finds the fault when the traceback never enters project code
(an assertion on a wrong value) or ends at a ``raise`` that a wrong condition upstream chose.
"""

from __future__ import annotations

import uuid

from homeostasis.core.config import Settings
from homeostasis.core.progress import Progress
from homeostasis.core.records import Context, Failure, Suspect, TestRun
from homeostasis.tools.diagnose.context import build_context
from homeostasis.tools.diagnose.focus import prefer_focus
from homeostasis.tools.diagnose.frames import suspects_from_failures
from homeostasis.tools.diagnose.sbfl import (
    PLUGIN_MODULE,
    combine,
    coverage_env,
    coverage_spectrum,
    ochiai,
    plugin_source,
)
from homeostasis.tools.diagnose.syntax_errors import syntax_suspects
from homeostasis.tools.observe.runner import TestCommand, run_tests
from homeostasis.tools.sandbox.base import Sandbox
from homeostasis.tools.sandbox.snapshot import Snapshot

#: Suspect lines kept (the proposers take them best first).
MAX_SUSPECTS = 40


def wants_sbfl(mode: str, failures: tuple[Failure, ...]) -> bool:
    """Whether to measure per-test coverage. ``auto`` does whenever a test fails at run time:
    even when its traceback reaches project code, the line that raised is often not the one
    at fault (a wrong condition upstream decided to raise). Collection errors need no
    coverage: the syntax error names its line."""
    if mode in ("always", "never"):
        return mode == "always"
    return any(not f.collection_error for f in failures)


def diagnose(
    sandbox: Sandbox,
    snapshot: Snapshot,
    command: TestCommand,
    baseline: TestRun,
    settings: Settings,
    progress: Progress,
) -> tuple[list[Suspect], Context]:
    """Ranked suspects and the token-budgeted context for the baseline's failures."""
    failures = baseline.failures
    direct = suspects_from_failures(failures)
    if any(f.collection_error for f in failures):
        direct = combine(syntax_suspects(snapshot.root), direct)
    spectrum: list[Suspect] = []
    want = wants_sbfl(settings.sbfl, failures)
    if want and not command.is_pytest:
        progress.say("  (coverage-based localisation needs a pytest command; skipped)")
    elif want:
        progress.stage("Measuring per-test coverage for fault localisation (SBFL)")
        spectrum = _spectrum_suspects(sandbox, snapshot, command, baseline, settings, progress)
    suspects = combine(direct, spectrum, limit=MAX_SUSPECTS)
    context = build_context(snapshot.root, suspects, failures, settings.context_tokens)
    return suspects, context


def _spectrum_suspects(
    sandbox: Sandbox,
    snapshot: Snapshot,
    command: TestCommand,
    baseline: TestRun,
    settings: Settings,
    progress: Progress,
) -> list[Suspect]:
    with sandbox.workspace(snapshot) as ws:
        plugin_dir, data = ws.scratch / "plugins", ws.scratch / "coverage.sqlite"
        ws.put_file(plugin_dir / f"{PLUGIN_MODULE}.py", plugin_source().encode())
        run = run_tests(
            ws, command, settings.timeout, extra_args=("-p", PLUGIN_MODULE),
            env=coverage_env(data, ws.root, plugin_dir),
        )
        measured = ws.read_file(data) if run.status == "ok" else None
        if measured is None:
            progress.say(f"  coverage run failed ({run.detail or 'no data'}); "
                        "using tracebacks only")
            return []
        copy = sandbox.base / f"coverage-{uuid.uuid4().hex}.sqlite"
        copy.write_bytes(measured)
        try:
            spectrum = coverage_spectrum(copy, ws.root)
        finally:
            copy.unlink()
    ranked = ochiai(spectrum, set(baseline.failing_ids), set(baseline.passing_ids))
    return prefer_focus(ranked, snapshot.root, baseline.failures)
