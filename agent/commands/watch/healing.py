"""One recorded runtime failure through the cycle: reproduce, repair, deploy, watch.

Each handled failure gets a run of its own under ``.homeostasis/runs/<run-id>/`` with, beside
the loop's records: ``runtime-event.json`` (what the monitor captured), ``reproduction.py``
(the test the run was judged by), ``hotswap.json`` (the deploy), ``rollout.json`` (which
workers took it in), ``health.json`` (the verdict), ``rollback.json`` (when it was rolled
back) or ``delivery.json`` (the ``pr`` policy's branch and pull request), and a
``watch.log`` of the loop's own output. The store's row of the failure says what became of
it (``state``; see :mod:`homeostasis.commands.watch.verdict` for those after a deploy).

A failure never stays ``healing``: whatever stops its handling (an error, an exception,
Ctrl-C or SIGTERM) first rolls back a fix deployed and not yet judged, then puts the failure
back to ``new`` (``error`` for a Homeostasis error, said in one line), with why in its note.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

from homeostasis.commands.watch.delivery import deliver_pr
from homeostasis.commands.watch.verdict import Verdict
from homeostasis.core.config import Settings
from homeostasis.core.errors import HomeostasisError
from homeostasis.core.records import TestRun, from_json
from homeostasis.loop import Decision, RunResult, heal
from homeostasis.runs.log import RunLog
from homeostasis.search import make_search
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.hotswap import HotSwapDeployer, Refused, undo_and_swap
from homeostasis.tools.observe.runtime.reproduce import (
    Reproduction,
    command_with,
    not_reproduced,
    reproduce,
)
from homeostasis.tools.observe.runtime.store import EventStore, Failure
from homeostasis.ui import Console


def headline(failure: Failure) -> str:
    """``[fingerprint] KeyError: 'X' at shop/pricing.py:10 in f — seen 3 time(s)``."""
    event = failure.event
    where = next((f"{f['path']}:{f['line']} in {f['function']}" for f in
                  reversed(event.get("frames", [])) if f.get("in_project")), "outside the project")
    message = " ".join(str(event.get("message", "")).split())[:120]
    return (f"[{failure.fingerprint[:8]}] {event.get('type')}: {message} at {where} — seen "
            f"{failure.count} time(s)")


class Healer:
    """Handles recorded failures one at a time, as ``policy`` says (see the command);
    ``verdict`` judges what it deploys (its clocks and process checks are the seams)."""

    def __init__(self, root: Path, settings: Settings, store: EventStore, policy: str,
                 interactive: bool, verdict: Verdict | None = None) -> None:
        self.root, self.settings, self.store = root, settings, store
        self.policy, self.interactive = policy, interactive
        self.verdict = verdict or Verdict(root, store, self._tell, settings.health_window)
        self._told: list[str] = []
        self._deployer: HotSwapDeployer | None = None
        self._settled = False
        self._refused: tuple[str, str] | None = None

    def heal(self, failure: Failure) -> bool:
        """Handle ``failure``; whether it ended repaired (and kept), or needed nothing."""
        if not self.store.claim(failure.fingerprint):
            return True  # another `homeostasis watch` is handling it
        self._told, self._deployer, self._settled, self._refused = [], None, False, None
        try:
            return self._handle(failure)
        except Refused as exc:  # the gate: not the failure that was seen
            state, why = self._refused or ("error", str(exc))
            self._abandon(failure, state, f"the fix found was not deployed: {why}")
            return False
        except HomeostasisError as exc:
            self._abandon(failure, "error", str(exc))
            return False
        except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM: the next watch takes it up again
            self._abandon(failure, "new", f"interrupted ({exc or type(exc).__name__})")
            raise
        except BaseException as exc:
            self._abandon(failure, "new", f"{type(exc).__name__}: {exc}")
            raise

    def _abandon(self, failure: Failure, state: str, why: str) -> None:
        """The failure's handling stopped: a fix deployed and not yet judged is rolled back
        first; then its state, and why (a failure whose state was already settled keeps
        it)."""
        if self._settled:
            print(f"  {why}")
            return
        deployed = self._deployer.last if self._deployer is not None else None
        if deployed is not None:
            try:
                undo_and_swap(self.root, deployed["run_id"], why="rollback")
                why += "; the fix deployed was rolled back"
            except (HomeostasisError, OSError) as exc:
                why += f"; the fix deployed could not be rolled back ({exc}): undo it"
        note = {"why": why, **({"run_id": deployed["run_id"]} if deployed else {})}
        try:
            self.store.set_state(failure.fingerprint, state, note)
        except Exception as exc:  # the store itself may be what failed
            print(f"  could not record {failure.fingerprint[:8]} as {state}: {exc}",
                  file=sys.stderr)
        print(f"  {state.replace('_', ' ')}: {why}")
        self._settled = True

    def _handle(self, failure: Failure) -> bool:
        print(headline(failure))
        reproduction, how = reproduce(failure, self.root)
        if reproduction is None:
            print(f"  not reproduced: {how}")
            self._finish(failure, "unreproducible", {"why": how})
            return False
        self._told = [f"reproduction: {reproduction.expected}: `{reproduction.call}`"]
        print(f"  {self._told[0]}")
        return self._repair(failure, reproduction)

    def _gate(self, fix: Fix, failure: Failure, reproduction: Reproduction) -> str | None:
        """Why the fix must not be deployed: the run's baseline did not fail the way the
        service did (None: it did)."""
        try:
            data = json.loads(RunLog(self.root, fix.run_id).path("failure.json").read_text())
            baseline = from_json(TestRun, data)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            self._refused = ("error", f"the run's baseline cannot be read ({exc})")
            return self._refused[1]
        found = not_reproduced(baseline, reproduction, failure)
        if found is not None:
            self._refused = found
            return found[1]
        return None

    def _repair(self, failure: Failure, reproduction: Reproduction) -> bool:
        settings = dataclasses.replace(
            self.settings, test=command_with(self.settings.test, self.root, reproduction))
        ask = self.policy == "ask" and self.interactive
        buffer = io.StringIO()
        console = Console(sys.stdout, True) if ask else Console(buffer)
        mode = {"auto": "apply", "ask": "ask" if ask else "report", "pr": "dry_run"}.get(
            self.policy, "report")
        deployer = HotSwapDeployer(
            self.root, gate=lambda fix: self._gate(fix, failure, reproduction))
        self._deployer = deployer
        search = make_search(settings, lambda text: console.say(f"  note: {text}"))
        try:
            result = heal(self.root, settings, console, Decision(mode), search,
                          extra_files=reproduction.files,
                          deployer=deployer)
        finally:
            if search.stack is not None:
                search.stack.close()
        log = RunLog(self.root, result.run_id)
        log.write_json("runtime-event.json", dataclasses.asdict(failure))
        log.write_text("reproduction.py", reproduction.text)
        log.write_text("watch.log", buffer.getvalue())
        try:
            return self._settle(failure, reproduction, result, deployer, log)
        finally:
            self._report(failure, log)

    def _settle(self, failure: Failure, reproduction: Reproduction, result: RunResult,
                deployer: HotSwapDeployer, log: RunLog) -> bool:
        note: dict[str, Any] = {"run_id": result.run_id, "outcome": result.outcome.status}
        baseline = result.baseline
        missed = not_reproduced(baseline, reproduction, failure) if baseline else None
        if missed is not None:
            state, why = missed
            self._tell(f"{state.replace('_', ' ')}: {why}")
            if deployer.last is not None:  # the gate keeps this from happening
                self.verdict.roll_back(result.run_id, why, log, wait=False)
            self._finish(failure, state, {**note, "why": why})
            self._tell(f"records: {result.run_dir}")
            return state == "not_reproduced"
        if self.policy == "pr" and result.fix is not None:
            return self._propose(failure, reproduction, result, log, note)
        self._tell(result.outcome.detail)
        if result.outcome.status != "applied" or deployer.last is None:
            self._finish(failure, result.outcome.status, note)
            self._tell(f"records: {result.run_dir}")
            return False
        log.write_json("hotswap.json", deployer.last)
        state, extra = self.verdict.judge(failure.fingerprint, result.run_id, deployer.last,
                                          log)
        self._finish(failure, state, {**note, **extra})
        self._tell(f"records: {result.run_dir}")
        return state == "repaired"

    def _finish(self, failure: Failure, state: str, note: dict[str, Any]) -> None:
        self._settled = True
        self.store.set_state(failure.fingerprint, state, note)

    def _propose(self, failure: Failure, reproduction: Reproduction, result: RunResult,
                 log: RunLog, note: dict[str, Any]) -> bool:
        """The ``pr`` policy: the fix on a branch and a pull request, nothing deployed."""
        assert result.fix is not None
        body = (f"A failure `homeostasis.monitor` recorded in the running service:\n\n"
                f"`{headline(failure)}`\n\nReproduced by `{reproduction.call}` "
                f"({reproduction.expected}).\n\n```diff\n{result.fix.candidate.diff}```\n")
        lines, url = deliver_pr(self.root, result.fix, failure.fingerprint, body, os.environ)
        for line in lines:
            self._tell(line)
        log.write_json("delivery.json", {"policy": "pr", "done": lines, "pr_url": url})
        self._finish(failure, "proposed", {**note, "pr_url": url})
        self._tell(f"records: {result.run_dir}")
        return True

    def _tell(self, text: str) -> None:
        """Say one line of what happened to the failure, and keep it for report.md."""
        print(f"  {text}")
        self._told.append(text)

    def _report(self, failure: Failure, log: RunLog) -> None:
        """The run's report.md gets what watch did, under "Runtime failure"."""
        lines = "".join(f"- {line}\n" for line in self._told)
        with log.path("report.md").open("a", encoding="utf-8") as fh:
            fh.write(f"\n## Runtime failure\n\n`{headline(failure)}`\n\n{lines}")
