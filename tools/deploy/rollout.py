"""Is a published generation live? Each worker reports in the runtime store the generation it
runs and, when it could not take a newer one in-process, that it needs a reload. After a
deploy, the deployer waits (bounded) until every live worker has reported, and classifies
them; a worker takes a new generation at its next request, so an idle one has not reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from homeostasis.tools.deploy.servers import Alive, live_workers
from homeostasis.tools.observe.runtime.store import EventStore


@dataclass(frozen=True)
class Rollout:
    """Where generation ``generation`` stands among the live workers: ``applied`` run it (or
    a later one); ``stuck`` reported they cannot take it in-process (pid, why); ``idle``
    have not reported since it was published; ``replacing`` are workers a reload is
    replacing that are still alive."""

    generation: int
    applied: tuple[int, ...] = ()
    stuck: tuple[tuple[int, str], ...] = ()
    idle: tuple[int, ...] = ()
    replacing: tuple[int, ...] = ()

    @property
    def settled(self) -> bool:
        """Every live worker reported, and none is waiting to be replaced."""
        return not self.idle and not self.replacing

    def describe(self) -> str:
        """``live in 2 worker(s); 1 needs a reload (pid 12: why)`` and so on."""
        parts = [f"live in {len(self.applied)} worker(s)"]
        if self.stuck:
            parts.append(f"{len(self.stuck)} cannot take it in without a reload (" + "; ".join(
                f"pid {pid}: {why}" for pid, why in self.stuck[:3]) + ")")
        if self.replacing:
            parts.append(f"{len(self.replacing)} old worker(s) not yet replaced "
                         f"({', '.join(map(str, self.replacing))})")
        if self.idle:
            parts.append(f"{len(self.idle)} served no request since, so runs the code it had")
        return "; ".join(parts)


def rollout(store: EventStore, generation: int, replacing: Collection[int] = (),
            alive: Alive | None = None) -> Rollout:
    """Where ``generation`` stands now (see :class:`Rollout`)."""
    applied: list[int] = []
    stuck: list[tuple[int, str]] = []
    idle: list[int] = []
    old: list[int] = []
    for pid, info, running in live_workers(store, alive):
        if pid in replacing:
            old.append(pid)
        elif running >= generation:
            applied.append(pid)
        elif int(info.get("needs_reload", 0) or 0) >= generation:
            why = (info.get("swap") or {}).get("why") or ["it needs a reload"]
            stuck.append((pid, "; ".join(str(w) for w in why)[:300]))
        else:
            idle.append(pid)
    return Rollout(generation, tuple(sorted(applied)), tuple(sorted(stuck)), tuple(sorted(idle)),
                   tuple(sorted(old)))


def await_rollout(store: EventStore, generation: int, timeout: float,
                  replacing: Collection[int] = (), expect_new: bool = False,
                  clock: Callable[[], float] = time.monotonic,
                  sleep: Callable[[float], None] = time.sleep, alive: Alive | None = None,
                  poll: float = 0.25) -> Rollout:
    """Wait up to ``timeout`` seconds until every live worker has reported on ``generation``
    and the workers in ``replacing`` are gone; with ``expect_new`` (a reload was signalled),
    also until at least one new worker has reported. Where it stands then."""
    deadline = clock() + timeout
    while True:
        found = rollout(store, generation, replacing, alive)
        if found.settled and (not expect_new or found.applied or found.stuck):
            return found
        now = clock()
        if now >= deadline:
            return found
        sleep(min(poll, deadline - now))
