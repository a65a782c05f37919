"""The monitor's side of the store: nothing a request does waits for SQLite.

A request hands what it saw to a :class:`StoreWriter` and goes on: a failure is added to an
in-memory aggregate (one entry per fingerprint and code generation: the first event, first
and last time, a count), a request to the counts of its code generation, a worker's
registration replaces the last one. The first event of each fingerprint is kept (up to
``capacity`` of them), so a repeat is only counted: the monitor does not capture it again.

One daemon thread per process (and store) writes all of it in one transaction — at once after
a failure, else about once a second — with a short busy timeout: while another process holds
the store's write lock the batch stays in memory and is tried again a second later. The
aggregate holds at most ``capacity`` fingerprints; a failure of a new fingerprint beyond that
is dropped and counted (:attr:`StoreWriter.dropped`), and said once on stderr. At exit the
monitor flushes with a bounded wait (:meth:`StoreWriter.flush`).

After a fork the child starts empty (what was pending is its parent's to write) with a
thread of its own, started by its first request.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
import weakref
from collections.abc import Mapping
from typing import Any

from homeostasis.tools.observe.runtime.store import EventStore, Seen

#: Seconds between two writes of the request counts (and between two tries of a locked store).
WRITE_EVERY = 1.0
#: The fingerprints a process keeps waiting to be written, at most.
CAPACITY = 1000

_writers: weakref.WeakSet[StoreWriter] = weakref.WeakSet()


def _after_fork() -> None:
    for writer in list(_writers):
        writer.reset()


os.register_at_fork(after_in_child=_after_fork)


def _busy(exc: Exception) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc) for word in ("locked", "busy"))


class StoreWriter:
    """See the module docstring. ``record``, ``count_traffic`` and ``register_worker`` take
    what :class:`EventStore`'s methods of the same names take, and return at once."""

    def __init__(self, store: EventStore, capacity: int = CAPACITY,
                 every: float = WRITE_EVERY) -> None:
        self.store, self.capacity, self.every = store, capacity, every
        self._said: set[str] = set()
        self.reset()
        _writers.add(self)

    def reset(self) -> None:
        """Start empty, with no thread (in a new process, or a test's)."""
        self.dropped = 0
        self._lock = threading.Lock()  # the aggregate
        self._io = threading.Lock()  # the store's connection: one batch at a time
        self._wake = threading.Event()
        self._seen: dict[tuple[str, int], Seen] = {}
        self._events: dict[str, Mapping[str, Any]] = {}  # each fingerprint's first, kept
        self._traffic: dict[int, list[int]] = {}
        self._worker: tuple[Mapping[str, Any], int] | None = None
        self._thread: threading.Thread | None = None

    # ── called from requests: memory only ────────────────────────────────────────────────

    def knows(self, fingerprint: str) -> bool:
        """Whether this process holds the first event of ``fingerprint`` (a later one is
        recorded with ``event=None``)."""
        return fingerprint in self._events

    def record(self, fingerprint: str, event: Mapping[str, Any] | None,
               generation: int) -> None:
        now, key, full = time.time(), (fingerprint, generation), False
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None:
                seen.last, seen.count = now, seen.count + 1
            elif len(self._seen) < self.capacity:
                if event is None:
                    event = self._events.get(fingerprint, {})
                elif len(self._events) < self.capacity:
                    self._events.setdefault(fingerprint, event)
                self._seen[key] = Seen(fingerprint, event, generation, now, now)
            else:
                self.dropped, full = self.dropped + 1, True
        if full:
            self._say("dropped", "the store is not keeping up: failures of new kinds are "
                      "dropped (and counted) until it does")
            return
        self._start()
        self._wake.set()

    def count_traffic(self, requests: int, errors: int, generation: int) -> None:
        with self._lock:
            counts = self._traffic.get(generation)
            if counts is None:
                self._traffic[generation] = [requests, errors]
            else:
                counts[0] += requests
                counts[1] += errors
        self._start()

    def register_worker(self, info: Mapping[str, Any], generation: int) -> None:
        with self._lock:
            self._worker = (dict(info), generation)
        self._start()
        self._wake.set()

    def flush(self, wait: float = 0.0) -> bool:
        """Write what is pending: with ``wait`` 0, only wake the writer thread; else write it
        from this thread, trying again until it is written or ``wait`` seconds have passed.
        Whether nothing is left pending; never raises."""
        if wait <= 0:
            self._wake.set()
            return self._empty()
        deadline = time.monotonic() + wait
        while not self._write_pending(deadline - time.monotonic()):
            if time.monotonic() + 0.05 >= deadline:
                return False
            time.sleep(0.05)
        return True

    # ── the writer thread ────────────────────────────────────────────────────────────────

    def _start(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="homeostasis-store-writer")
                self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.every)
            self._wake.clear()
            if not self._write_pending(self.every):
                time.sleep(self.every)  # locked or broken: try again later

    def _empty(self) -> bool:
        return not (self._seen or self._traffic or self._worker)

    def _write_pending(self, wait: float) -> bool:
        if not self._io.acquire(timeout=max(wait, 0.0)):
            return False
        try:
            with self._lock:
                seen, traffic, worker = self._seen, self._traffic, self._worker
                self._seen, self._traffic, self._worker = {}, {}, None
            if not (seen or traffic or worker):
                return True
            try:
                self.store.write(list(seen.values()),
                                 {g: (c[0], c[1]) for g, c in traffic.items()}, worker)
            except Exception as exc:
                self._put_back(seen, traffic, worker)
                if not _busy(exc):
                    self._say("error", f"{type(exc).__name__}: {exc}")
                return False
            return True
        finally:
            self._io.release()

    def _put_back(self, seen: dict[tuple[str, int], Seen], traffic: dict[int, list[int]],
                  worker: tuple[Mapping[str, Any], int] | None) -> None:
        """A batch that could not be written, back in front of what came since."""
        with self._lock:
            newer, self._seen = self._seen, seen
            for key, item in newer.items():
                older = self._seen.get(key)
                if older is not None:
                    older.last, older.count = item.last, older.count + item.count
                elif len(self._seen) < self.capacity:
                    self._seen[key] = item
                else:
                    self.dropped += item.count
            for generation, (requests, errors) in traffic.items():
                counts = self._traffic.setdefault(generation, [0, 0])
                counts[0] += requests
                counts[1] += errors
            if self._worker is None:
                self._worker = worker

    def _say(self, kind: str, text: str) -> None:
        if kind not in self._said:
            self._said.add(kind)
            print(f"homeostasis.monitor: {text} (the service is not affected; runtime "
                  "failures may not be recorded)", file=sys.stderr)
