"""The runtime event store: ``.homeostasis/runtime.sqlite3`` in the project.

SQLite in WAL mode, so several worker processes write to it at once while ``homeostasis
watch`` reads; every structured value is a JSON column (never pickle). Tables:

    failures     one row per fingerprint: the first event seen (JSON), first/last seen,
                 count, and what ``watch`` did about it (``state``, ``note`` JSON)
    occurrences  one row per failure seen: fingerprint, time, process, code generation
    traffic      per process and code generation: requests and 5xx counted since the last
                 flush (a worker flushes at most once a second, and before it swaps code)
    workers      per process: the server it runs under and the code generation it runs

Every method opens its connection lazily and again after a fork, so a store made in a
server's master process is safe to use in its workers.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STORE = Path(".homeostasis") / "runtime.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (
    fingerprint TEXT PRIMARY KEY, event TEXT NOT NULL, first_seen REAL NOT NULL,
    last_seen REAL NOT NULL, count INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'new',
    note TEXT NOT NULL DEFAULT '{}');
CREATE TABLE IF NOT EXISTS occurrences (
    fingerprint TEXT NOT NULL, at REAL NOT NULL, pid INTEGER NOT NULL,
    generation INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS traffic (
    pid INTEGER NOT NULL, at REAL NOT NULL, generation INTEGER NOT NULL,
    requests INTEGER NOT NULL, errors INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS workers (
    pid INTEGER PRIMARY KEY, info TEXT NOT NULL, generation INTEGER NOT NULL,
    at REAL NOT NULL);
"""


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


@dataclass(frozen=True)
class Traffic:
    requests: int = 0
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


class EventStore:
    """The store of the project at ``root`` (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.path = root / STORE
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            conn = sqlite3.connect(self.path, timeout=5.0, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    # ── written by the monitor ───────────────────────────────────────────────────────────

    def record(self, fingerprint: str, event: Mapping[str, Any], generation: int,
               at: float | None = None) -> None:
        """One occurrence of the failure ``fingerprint``; its first ``event`` is kept."""
        at = time.time() if at is None else at
        with self._write() as conn:
            conn.execute(
                "INSERT INTO failures (fingerprint, event, first_seen, last_seen, count) "
                "VALUES (?, ?, ?, ?, 1) ON CONFLICT(fingerprint) DO UPDATE SET "
                "last_seen = excluded.last_seen, count = count + 1",
                (fingerprint, json.dumps(event), at, at))
            conn.execute("INSERT INTO occurrences VALUES (?, ?, ?, ?)",
                         (fingerprint, at, os.getpid(), generation))

    def count_traffic(self, requests: int, errors: int, generation: int) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO traffic VALUES (?, ?, ?, ?, ?)",
                         (os.getpid(), time.time(), generation, requests, errors))

    def register_worker(self, info: Mapping[str, Any], generation: int) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO workers VALUES (?, ?, ?, ?)",
                         (os.getpid(), json.dumps(info), generation, time.time()))

    # ── read and written by ``homeostasis watch`` ────────────────────────────────────────

    def failures(self, state: str | None = None) -> list[Failure]:
        """Every failure (in ``state`` when given), oldest first."""
        sql = "SELECT * FROM failures" + (" WHERE state = ?" if state else "")
        rows = self._connect().execute(sql + " ORDER BY first_seen",
                                       (state,) if state else ()).fetchall()
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
        sql = "SELECT COUNT(*) FROM occurrences WHERE at >= ?"
        args: list[Any] = [since]
        if fingerprint is not None:
            sql, args = sql + " AND fingerprint = ?", [*args, fingerprint]
        if generation is not None:
            sql, args = sql + " AND generation >= ?", [*args, generation]
        return int(self._connect().execute(sql, args).fetchone()[0])

    def traffic(self, generation: int, since: float = 0.0) -> Traffic:
        """Requests and 5xx counted under code generation ``generation`` since ``since``."""
        row = self._connect().execute(
            "SELECT COALESCE(SUM(requests), 0), COALESCE(SUM(errors), 0) FROM traffic "
            "WHERE generation = ? AND at >= ?", (generation, since)).fetchone()
        return Traffic(int(row[0]), int(row[1]))

    def workers(self) -> list[tuple[int, dict[str, Any], int]]:
        """Every process that ran the monitor: (pid, info, the code generation it runs)."""
        rows = self._connect().execute("SELECT pid, info, generation FROM workers").fetchall()
        return [(int(r[0]), json.loads(r[1]), int(r[2])) for r in rows]
