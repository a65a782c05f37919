"""One recorded runtime failure through the cycle: reproduce, repair, deploy, watch.

Each handled failure gets a run of its own under ``.homeostasis/runs/<run-id>/`` with, beside
the loop's records: ``runtime-event.json`` (what the monitor captured), ``reproduction.py``
(the test the run was judged by), ``hotswap.json`` (the deploy), ``health.json`` (the
verdict), ``rollback.json`` (when it was rolled back) or ``delivery.json`` (the ``pr``
policy's branch and pull request), and a ``watch.log`` of the loop's own output. The
store's row of the failure says what became of it (``state``).
"""

from __future__ import annotations

import dataclasses
import io
import os
import sys
import time
from pathlib import Path
from typing import Any

from homeostasis.commands.watch.delivery import deliver_pr
from homeostasis.core.config import Settings
from homeostasis.core.errors import HomeostasisError
from homeostasis.loop import Decision, RunResult, heal
from homeostasis.runs.log import RunLog
from homeostasis.search import make_search
from homeostasis.tools.deploy.health import check_health
from homeostasis.tools.deploy.hotswap import HotSwapDeployer, undo_and_swap
from homeostasis.tools.observe.runtime.reproduce import Reproduction, command_with, reproduce
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
    """Handles recorded failures one at a time, as ``policy`` says (see the command)."""

    def __init__(self, root: Path, settings: Settings, store: EventStore, policy: str,
                 interactive: bool) -> None:
        self.root, self.settings, self.store = root, settings, store
        self.policy, self.interactive = policy, interactive
        self._told: list[str] = []

    def heal(self, failure: Failure) -> bool:
        """Handle ``failure``; whether it ended repaired (and kept), or needed nothing."""
        if not self.store.claim(failure.fingerprint):
            return True  # another `homeostasis watch` is handling it
        print(headline(failure))
        reproduction, how = reproduce(failure, self.root)
        if reproduction is None:
            print(f"  not reproduced: {how}")
            self.store.set_state(failure.fingerprint, "unreproducible", {"why": how})
            return False
        self._told = [f"reproduction: {reproduction.expected}: `{reproduction.call}`"]
        print(f"  {self._told[0]}")
        try:
            return self._repair(failure, reproduction)
        except HomeostasisError as exc:
            print(f"  error: {exc}")
            self.store.set_state(failure.fingerprint, "error", {"why": str(exc)})
            return False
        except KeyboardInterrupt:  # stopped: the next watch takes the failure up again
            self.store.set_state(failure.fingerprint, "new", {})
            raise

    def _repair(self, failure: Failure, reproduction: Reproduction) -> bool:
        settings = dataclasses.replace(
            self.settings, test=command_with(self.settings.test, self.root, reproduction))
        ask = self.policy == "ask" and self.interactive
        buffer = io.StringIO()
        console = Console(sys.stdout, True) if ask else Console(buffer)
        mode = {"auto": "apply", "ask": "ask" if ask else "report", "pr": "dry_run"}.get(
            self.policy, "report")
        deployer = HotSwapDeployer(self.root)
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
        if baseline is not None and reproduction.test_id not in baseline.failing_ids:
            self._tell("not reproduced: the reproduction test passes on the current code "
                       "(fixed already?)")
            self.store.set_state(failure.fingerprint, "not_reproduced", note)
            return True
        if self.policy == "pr" and result.fix is not None:
            return self._propose(failure, reproduction, result, log, note)
        self._tell(result.outcome.detail)
        if result.outcome.status != "applied" or deployer.last is None:
            self.store.set_state(failure.fingerprint, result.outcome.status, note)
            self._tell(f"records: {result.run_dir}")
            return False
        log.write_json("hotswap.json", deployer.last)
        kept = self._watch_health(failure, result, deployer.last, log, note)
        self._tell(f"records: {result.run_dir}")
        return kept

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
        self.store.set_state(failure.fingerprint, "proposed", {**note, "pr_url": url})
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

    def _watch_health(self, failure: Failure, result: RunResult, deployed: dict[str, Any],
                      log: RunLog, note: dict[str, Any]) -> bool:
        window = self.settings.health_window
        self._tell(f"watching the service for {window:g}s (generation {deployed['generation']})")
        health = check_health(self.store, failure.fingerprint, deployed["generation"],
                              deployed["at"], window)
        log.write_json("health.json", health)
        if health.healthy:
            self._tell(f"healthy: {health.reason}")
            self.store.set_state(failure.fingerprint, "repaired", {**note, "health": health.reason})
            return True
        self._tell(f"unhealthy: {health.reason}; rolling back")
        _, files, announced = undo_and_swap(self.root, result.run_id, why="rollback")
        log.write_json("rollback.json", {"why": health.reason, "at": time.time(),
                                         "files": files, "announced": announced})
        self._tell(f"rolled back: {', '.join(files)} restored"
                   + (f", generation {announced['generation']}" if announced else ""))
        self.store.set_state(failure.fingerprint, "rolled_back", {**note, "why": health.reason})
        return False
