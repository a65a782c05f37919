"""The runtime event store: ``.homeostasis/runtime.sqlite3`` in the project.

SQLite in WAL mode, so several worker processes write to it at once while ``homeostasis
watch`` reads; every structured value is a JSON column (never pickle). Tables:

    failures     one row per fingerprint: the first event seen (JSON), first/last seen,
                 count, and what ``watch`` did about it (``state``, ``note`` JSON)
    occurrences  one row per failure seen: fingerprint, time, process, code generation (what
                 a monitor of schema 0 writes; still read)
    seen         a failure seen ``count`` times in one batch of a writer thread: fingerprint,
                 time (the batch's last occurrence), process, code generation
    traffic      per process and code generation: requests and 5xx counted since the last
                 write (a worker's writer thread writes about once a second)
    workers      per process: the server it runs under and the code generation it runs

``PRAGMA user_version`` is the schema's version (:data:`SCHEMA_VERSION`): an older store is
brought up to date when opened — by adding tables only, so a service still running an older
monitor goes on writing to it — and a newer one is refused (:class:`NewerStore`). The connection
is opened lazily, and again after a fork (a store made in a server's master process is safe
to use in its workers) and when the file at the store's path is no longer the one it opened
(moved away or replaced). A monitor never writes from a request: see ``writer.py``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STORE = Path(".homeostasis") / "runtime.sqlite3"
#: The schema this code reads and writes (``PRAGMA user_version``). 1: the ``seen`` table.
SCHEMA_VERSION = 1

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS failures (
    fingerprint TEXT PRIMARY KEY, event TEXT NOT NULL, first_seen REAL NOT NULL,
    last_seen REAL NOT NULL, count INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'new',
    note TEXT NOT NULL DEFAULT '{}')""",
    """CREATE TABLE IF NOT EXISTS occurrences (
    fingerprint TEXT NOT NULL, at REAL NOT NULL, pid INTEGER NOT NULL,
    generation INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS seen (
    fingerprint TEXT NOT NULL, at REAL NOT NULL, pid INTEGER NOT NULL,
    generation INTEGER NOT NULL, count INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS traffic (
    pid INTEGER NOT NULL, at REAL NOT NULL, generation INTEGER NOT NULL,
    requests INTEGER NOT NULL, errors INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS workers (
    pid INTEGER PRIMARY KEY, info TEXT NOT NULL, generation INTEGER NOT NULL,
    at REAL NOT NULL)""",
)


_stores: weakref.WeakSet[EventStore] = weakref.WeakSet()


def _after_fork() -> None:
    for store in list(_stores):
        store._forked()


os.register_at_fork(after_in_child=_after_fork)


class NewerStore(sqlite3.DatabaseError):
    """The store was written by a newer Homeostasis, with a schema this one does not know."""


@dataclass(frozen=True)
class Failure:
    """A fingerprint's row: ``event`` is the first capture (see ``capture.capture``)."""

    fingerprint: str
    event: dict[str, Any]
    first_seen: float
    last_seen: float
    count: int
    state: str
    note: dict[str, Any]


@dataclass
class Seen:
    """The failure ``fingerprint`` seen ``count`` times under code ``generation``, from
    ``first`` to ``last``; ``event`` is the first capture (kept when the row is new)."""

    fingerprint: str
    event: Mapping[str, Any]
    generation: int
    first: float
    last: float
    count: int = 1


@dataclass(frozen=True)
class Traffic:
    requests: int = 0
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the store's schema to :data:`SCHEMA_VERSION` (in one write transaction)."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerStore(f"{path} was written by a newer Homeostasis (store schema "
                         f"{version}; this one knows up to {SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class EventStore:
    """The store of the project at ``root`` (see the module docstring); ``busy_timeout``:
    seconds to wait for another process's write lock before giving up."""

    def __init__(self, root: Path, busy_timeout: float = 5.0) -> None:
        self.path = root / STORE
        self.busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._file: tuple[int, int] | None = None
        self._lock = threading.RLock()
        _stores.add(self)

    def _forked(self) -> None:
        """In a child just forked: a thread of the parent may have held the lock, and the
        connection is the parent's."""
        self._lock = threading.RLock()
        self._conn = None

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None and self._pid == os.getpid() and self._stat() == self._file:
            return self._conn
        self.close()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None,
                               check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            _migrate(conn, self.path)
        except BaseException:
            conn.close()
            raise
        self._conn, self._pid, self._file = conn, os.getpid(), self._stat()
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _read(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._connect().execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    # ── written by the monitor (through its writer thread) ─────────────────────────────

    def write(self, seen: Sequence[Seen] = (),
              traffic: Mapping[int, tuple[int, int]] | None = None,
              worker: tuple[Mapping[str, Any], int] | None = None) -> None:
        """In one transaction: failures seen, requests and 5xx counted per code generation,
        and this process's worker row."""
        pid, now = os.getpid(), time.time()
        with self._write() as conn:
            for item in seen:
                conn.execute(
                    "INSERT INTO failures (fingerprint, event, first_seen, last_seen, count) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET "
                    "last_seen = MAX(last_seen, excluded.last_seen), "
                    "count = count + excluded.count",
                    (item.fingerprint, json.dumps(item.event), item.first, item.last,
                     item.count))
                conn.execute("INSERT INTO seen VALUES (?, ?, ?, ?, ?)",
                             (item.fingerprint, item.last, pid, item.generation, item.count))
            for generation, (requests, errors) in (traffic or {}).items():
                conn.execute("INSERT INTO traffic VALUES (?, ?, ?, ?, ?)",
                             (pid, now, generation, requests, errors))
            if worker is not None:
                conn.execute("INSERT OR REPLACE INTO workers VALUES (?, ?, ?, ?)",
                             (pid, json.dumps(worker[0]), worker[1], now))

    def record(self, fingerprint: str, event: Mapping[str, Any], generation: int,
               at: float | None = None) -> None:
        """One occurrence of the failure ``fingerprint``; its first ``event`` is kept."""
        at = time.time() if at is None else at
        self.write([Seen(fingerprint, event, generation, at, at)])

    def count_traffic(self, requests: int, errors: int, generation: int) -> None:
        self.write(traffic={generation: (requests, errors)})

    def register_worker(self, info: Mapping[str, Any], generation: int) -> None:
        self.write(worker=(info, generation))

    # ── read and written by ``homeostasis watch`` ────────────────────────────────────────

    def failures(self, state: str | None = None) -> list[Failure]:
        """Every failure (in ``state`` when given), oldest first."""
        sql = "SELECT * FROM failures" + (" WHERE state = ?" if state else "")
        rows = self._read(sql + " ORDER BY first_seen", (state,) if state else ())
        return [Failure(r[0], json.loads(r[1]), r[2], r[3], r[4], r[5], json.loads(r[6]))
                for r in rows]

    def claim(self, fingerprint: str) -> bool:
        """Move a ``new`` failure to ``healing``; False when another watcher took it first."""
        with self._write() as conn:
            taken = conn.execute("UPDATE failures SET state = 'healing' WHERE fingerprint = ? "
                                 "AND state = 'new'", (fingerprint,)).rowcount
        return taken == 1

    def set_state(self, fingerprint: str, state: str, note: Mapping[str, Any]) -> None:
        with self._write() as conn:
            conn.execute("UPDATE failures SET state = ?, note = ? WHERE fingerprint = ?",
                         (state, json.dumps(note), fingerprint))

    def occurrences(self, fingerprint: str | None = None, generation: int | None = None,
                    since: float = 0.0) -> int:
        """How often ``fingerprint`` (any, when None) was seen since ``since``, under code
        generation ``generation`` or later when given."""
        sql = ("SELECT COALESCE(SUM(n), 0) FROM (SELECT fingerprint, at, generation, 1 AS n "
               "FROM occurrences UNION ALL SELECT fingerprint, at, generation, count FROM seen)"
               " WHERE at >= ?")
        args: list[Any] = [since]
        if fingerprint is not None:
            sql, args = sql + " AND fingerprint = ?", [*args, fingerprint]
        if generation is not None:
            sql, args = sql + " AND generation >= ?", [*args, generation]
        return int(self._read(sql, args)[0][0])

    def traffic(self, generation: int, since: float = 0.0) -> Traffic:
        """Requests and 5xx counted under code generation ``generation`` since ``since``."""
        (row,) = self._read(
            "SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(errors), 0) FROM traffic "
            "WHERE generation = ? AND at >= ?", (generation, since))
        return Traffic(int(row[0]), int(row[1]))

    def workers(self) -> list[tuple[int, dict[str, Any], int]]:
        """Every process that ran the monitor: (pid, info, the code generation it runs)."""
        rows = self._read("SELECT pid, info, generation FROM workers")
        return [(int(r[0]), json.loads(r[1]), int(r[2])) for r in rows]
