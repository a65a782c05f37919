"""After a fix is hot-swapped: is it live, and is the service better for it?

The deploy published a generation (:mod:`homeostasis.tools.deploy.hotswap`). Watch waits,
up to the health window or :data:`ROLLOUT_FLOOR` seconds, whichever is longer, until every
live worker has reported on it (:mod:`homeostasis.tools.deploy.rollout`). A worker that cannot
swap it in asks for a reload: the server's master is signalled, and the wait starts again for
its new workers. Only then is the health checked, and the failure's state says what is known:

    repaired       live in every worker that reported, requests served under it, healthy
    unverified     kept, but nothing shows it live or judges it: no worker reported running
                   it (none is running, or none served a request), or no request was served
                   under it in the window
    needs_restart  on disk, but a worker cannot run it without a restart and no server
                   master could be signalled (a reload-mode fix with no master found: no
                   health check at all), or the reload left workers on the old code
    rolled_back    the health check found it worse: the old code is back
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.runs.log import RunLog
from homeostasis.tools.deploy.health import check_health
from homeostasis.tools.deploy.hotswap import undo_and_swap
from homeostasis.tools.deploy.rollout import Rollout, await_rollout
from homeostasis.tools.deploy.servers import Alive, reload_servers
from homeostasis.tools.observe.runtime.store import EventStore

#: The shortest wait for the workers to take a generation in (a reload starts new ones).
ROLLOUT_FLOOR = 10.0


@dataclass
class Verdict:
    """Judges deploys of the project at ``root``; ``tell`` says one line of what happened.
    The clocks, ``sleep`` and ``alive`` (is a worker process alive) are the world's seams."""

    root: Path
    store: EventStore
    tell: Callable[[str], None]
    window: float
    wall: Callable[[], float] = time.time
    monotonic: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    alive: Alive | None = None

    @property
    def bound(self) -> float:
        return max(self.window, ROLLOUT_FLOOR)

    def _await(self, announced: dict[str, Any]) -> Rollout:
        """Wait for ``announced``'s generation to go live; a worker that cannot swap it in
        has its server reload (the announcement gets ``escalated``)."""
        generation = int(announced["generation"])
        found = await_rollout(self.store, generation, self.bound,
                              replacing=announced.get("replacing", ()),
                              expect_new=announced["mode"] == "reload", clock=self.monotonic,
                              sleep=self.sleep, alive=self.alive)
        if not found.stuck or announced["mode"] != "swap":
            return found
        signalled = reload_servers(self.root, self.alive)
        reasons = "; ".join(dict.fromkeys(why for _, why in found.stuck))[:400]
        if not signalled:
            self.tell(f"{len(found.stuck)} worker(s) cannot swap generation {generation} in "
                      f"({reasons}), and no server master was found to reload them")
            return found
        self.tell(f"{len(found.stuck)} worker(s) cannot swap generation {generation} in "
                  f"({reasons}): reloading the server's workers (SIGHUP to {sorted(signalled)})")
        announced["escalated"] = {"stuck": found.stuck, "masters": sorted(signalled)}
        return await_rollout(self.store, generation, self.bound,
                             replacing={pid for pids in signalled.values() for pid in pids},
                             expect_new=True, clock=self.monotonic, sleep=self.sleep,
                             alive=self.alive)

    def judge(self, fingerprint: str, run_id: str, deployed: dict[str, Any], log: RunLog
              ) -> tuple[str, dict[str, Any]]:
        """The state of the failure ``fingerprint`` whose fix run ``run_id`` deployed as
        ``deployed`` (see the module docstring), and what to note with it."""
        generation = int(deployed["generation"])
        if deployed["mode"] == "reload" and not deployed["reloaded_masters"]:
            why = ("it changes more than function bodies and no gunicorn or uvicorn master "
                   "was found to reload: the fix is on disk but not live; restart the service")
            self.tell(f"not live: {why}")
            return "needs_restart", {"why": why}
        self.tell(f"waiting up to {self.bound:g}s for the workers to take generation "
                  f"{generation} in")
        rollout = self._await(deployed)
        log.write_json("hotswap.json", deployed)
        log.write_json("rollout.json", rollout)
        not_live = bool(rollout.stuck or rollout.replacing)
        if not rollout.applied:
            if not_live:
                why = f"{rollout.describe()}: the fix is on disk but not live; restart the service"
                self.tell(f"not live: {why}")
                return "needs_restart", {"why": why}
            why = (f"{len(rollout.idle)} live worker(s) served no request in {self.bound:g}s, "
                   f"so none has taken generation {generation} in yet (each does at its next "
                   "request)" if rollout.idle else
                   "no live worker of the service has registered (none is running, or none "
                   "has served a request): nothing shows the fix live; it is on disk")
            self.tell(f"unverified: {why}")
            return "unverified", {"why": why}
        self.tell(f"generation {generation} is {rollout.describe()}")
        self.tell(f"watching the service for {self.window:g}s (generation {generation})")
        health = check_health(self.store, fingerprint, generation, float(deployed["at"]),
                              self.window, clock=self.wall, sleep=self.sleep, start=self.wall())
        log.write_json("health.json", health)
        if health.verdict == "unhealthy":
            self.tell(f"unhealthy: {health.reason}; rolling back")
            self.roll_back(run_id, health.reason, log)
            return "rolled_back", {"why": health.reason}
        if not_live:
            why = (f"{health.verdict} where it runs ({health.reason}), but "
                   f"{rollout.describe()}: restart the service")
            self.tell(f"not live everywhere: {why}")
            return "needs_restart", {"why": why, "health": health.reason}
        if health.verdict == "unverified":
            self.tell(f"unverified: {health.reason}")
            return "unverified", {"why": health.reason}
        self.tell(f"healthy: {health.reason}")
        return "repaired", {"health": health.reason}

    def roll_back(self, run_id: str, why: str, log: RunLog, wait: bool = True) -> None:
        """Put the old code back on disk and in the service (``wait``: until it is live,
        escalating to a reload as a deploy does); ``rollback.json`` says what was done."""
        _, files, announced = undo_and_swap(self.root, run_id, why="rollback")
        entry: dict[str, Any] = {"why": why, "at": self.wall(), "files": files,
                                 "announced": announced}
        line = f"rolled back: {', '.join(files)} restored" + (
            f", generation {announced['generation']}" if announced else "")
        if announced is not None and wait:
            if announced["mode"] == "reload" and not announced["reloaded_masters"]:
                line += "; the old code is on disk but not live: restart the service"
            else:
                rollout = self._await(announced)
                entry["rollout"] = rollout
                if rollout.stuck or rollout.replacing:
                    line += f"; {rollout.describe()}: restart the service"
        log.write_json("rollback.json", entry)
        self.tell(line)
