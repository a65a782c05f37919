"""Diagnose: from the baseline's failures to ranked suspects and the context a proposer sees.

Traceback frames come first (innermost project frame first); a collection error caused by a
syntax error points at its line; and per-test line coverage, measured in the sandbox by a
standalone pytest plugin under whatever interpreter runs the tests, ranks every executed line
by Ochiai — which finds the fault when the traceback never enters project code (an assertion
on a wrong value) or ends at a ``raise`` that a wrong condition upstream chose. When coverage
cannot be measured, the user is told why in one line, and tests that failed on their own
assertion point at the project functions they call (a static call graph) instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from homeostasis.core.config import Settings
from homeostasis.core.progress import Progress
from homeostasis.core.records import Context, Failure, Suspect, TestRun
from homeostasis.tools.diagnose.callgraph import called_suspects
from homeostasis.tools.diagnose.context import build_context
from homeostasis.tools.diagnose.focus import prefer_focus
from homeostasis.tools.diagnose.frames import suspects_from_failures
from homeostasis.tools.diagnose.sbfl import (
    PLUGIN_ARGS,
    PLUGIN_MODULE,
    Spectrum,
    SpectrumError,
    combine,
    ochiai,
    plugin_source,
    read_spectrum,
    spectrum_env,
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
    spectrum, why = None, ""
    if wants_sbfl(settings.sbfl, failures):
        if command.is_pytest:
            progress.stage("Measuring per-test coverage for fault localisation (SBFL)")
        spectrum, why = _measure(sandbox, snapshot, command, settings.timeout)
    if spectrum is not None:
        ranked = ochiai(spectrum, set(baseline.failing_ids), set(baseline.passing_ids))
    else:
        ranked = called_suspects(snapshot.root, _asserting(failures), baseline.passing_ids)
        if why:
            progress.say(f"  per-test coverage could not be measured: {why}; "
                         f"using {_fallback(ranked, direct)}")
    ranked = prefer_focus(ranked, snapshot.root, failures)
    suspects = combine(direct, ranked, limit=MAX_SUSPECTS)
    context = build_context(snapshot.root, suspects, failures, settings.context_tokens)
    return suspects, context


def _measure(sandbox: Sandbox, snapshot: Snapshot, command: TestCommand, timeout: float
             ) -> tuple[Spectrum | None, str]:
    """The per-test spectrum of the whole suite, run once more in a workspace with the plugin
    loaded; or None and why it could not be had."""
    if not command.is_pytest:
        return None, f"the test command is not pytest ({command.display()})"
    with sandbox.workspace(snapshot) as ws:
        plugin_dir, out = ws.scratch / "plugins", ws.scratch / "spectrum.json"
        ws.put_file(plugin_dir / f"{PLUGIN_MODULE}.py", plugin_source().encode())
        run = run_tests(ws, command, timeout, extra_args=PLUGIN_ARGS,
                        env=spectrum_env(out, ws.root, plugin_dir))
        data = ws.read_file(out) if run.status == "ok" else None
        who = command.argv[0]
        if run.status != "ok" and PLUGIN_MODULE in run.output:
            return None, f"{who} could not load the plugin ({_mention(run.output)})"
        if run.status != "ok":
            return None, f"the measuring run failed ({run.detail or run.status})"
        if data is None:
            return None, f"{who} ran the tests but the plugin wrote no data"
        try:
            return read_spectrum(data, ws.root), ""
        except SpectrumError as exc:
            return None, str(exc)


def _asserting(failures: Sequence[Failure]) -> list[str]:
    """The tests that failed at run time without their traceback entering project code."""
    return [f.test_id for f in failures if not f.collection_error
            and not any(fr.in_project and not fr.is_test for fr in f.frames)]


def _fallback(static: list[Suspect], direct: list[Suspect]) -> str:
    if static:
        return "the functions the failing tests call" + (" and tracebacks" if direct else "")
    return "tracebacks only" if direct else "nothing else (no failing test names project code)"


def _mention(output: str) -> str:
    """The last line of ``output`` that names the plugin: what pytest said about loading it."""
    lines = [ln.strip() for ln in output.splitlines() if PLUGIN_MODULE in ln]
    return lines[-1][:200]
