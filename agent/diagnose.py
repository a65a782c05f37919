"""Diagnose: from the baseline's failures to ranked suspects and the context a proposer sees.

Traceback frames come first (innermost project frame first); a collection error caused by a
syntax error points at its line; when a failure's traceback never enters project code (an
assertion on a wrong value), per-test coverage is measured in the sandbox and ranked by Ochiai.
"""

from __future__ import annotations

from homeostasis.config import Settings
from homeostasis.records import Context, Failure, Suspect, TestRun
from homeostasis.tools.context.build import build_context
from homeostasis.tools.failures.runner import TestCommand, run_tests
from homeostasis.tools.localize.frames import suspects_from_failures
from homeostasis.tools.localize.sbfl import (
    PLUGIN_MODULE,
    combine,
    coverage_env,
    coverage_spectrum,
    ochiai,
    write_plugin,
)
from homeostasis.tools.localize.syntax import syntax_suspects
from homeostasis.tools.sandbox.local import LocalSandbox
from homeostasis.tools.sandbox.snapshot import Snapshot
from homeostasis.ui import Console


def needs_sbfl(failures: tuple[Failure, ...]) -> bool:
    """True when some failing test's traceback never reaches project code outside the tests."""
    return any(
        not f.collection_error and not any(fr.in_project and not fr.is_test for fr in f.frames)
        for f in failures
    )


def diagnose(
    sandbox: LocalSandbox,
    snapshot: Snapshot,
    command: TestCommand,
    baseline: TestRun,
    settings: Settings,
    console: Console,
) -> tuple[list[Suspect], Context]:
    """Ranked suspects and the token-budgeted context for the baseline's failures."""
    failures = baseline.failures
    direct = suspects_from_failures(failures)
    if any(f.collection_error for f in failures):
        direct = combine(syntax_suspects(snapshot.root), direct)
    spectrum: list[Suspect] = []
    want = settings.sbfl == "always" or (settings.sbfl == "auto" and needs_sbfl(failures))
    if want and not command.is_pytest:
        console.say("  (coverage-based localisation needs a pytest command; skipped)")
    elif want:
        console.stage("Tracebacks do not reach the fault: measuring per-test coverage (SBFL)")
        spectrum = _spectrum_suspects(sandbox, snapshot, command, baseline, settings, console)
    suspects = combine(direct, spectrum)
    context = build_context(snapshot.root, suspects, failures, settings.context_tokens)
    return suspects, context


def _spectrum_suspects(
    sandbox: LocalSandbox,
    snapshot: Snapshot,
    command: TestCommand,
    baseline: TestRun,
    settings: Settings,
    console: Console,
) -> list[Suspect]:
    plugin_dir = sandbox.base / "plugins"
    write_plugin(plugin_dir)
    with sandbox.workspace(snapshot) as ws:
        data = ws.scratch / "coverage.sqlite"
        run = run_tests(
            ws, command, settings.timeout, extra_args=("-p", PLUGIN_MODULE),
            env=coverage_env(data, ws.root, plugin_dir),
        )
        if run.status != "ok" or not data.exists():
            console.say(f"  coverage run failed ({run.detail or 'no data'}); "
                        "using tracebacks only")
            return []
        spectrum = coverage_spectrum(data, ws.root)
    return ochiai(spectrum, set(baseline.failing_ids), set(baseline.passing_ids))
