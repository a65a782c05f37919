from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from pooling.connection import Connection


class PoolExhausted(Exception):
    """Every connection of the pool is in use."""


class Pool:
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a pool needs at least one connection")
        self.size = size
        self._idle = [Connection(i) for i in range(size)]
        self._busy: set[int] = set()

    @property
    def available(self) -> int:
        return len(self._idle)

    def acquire(self) -> Connection:
        if not self._idle:
            raise PoolExhausted(f"all {self.size} connections are in use")
        conn = self._idle.pop()
        self._busy.add(conn.ident)
        return conn

    def release(self, conn: Connection) -> None:
        """Give ``conn`` back, rolling back any transaction it left open."""
        if conn.ident not in self._busy:
            raise ValueError(f"connection {conn.ident} is not checked out")
        if conn.in_transaction:
            conn.rollback()
        self._busy.discard(conn.ident)
        self._idle.append(conn)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection for the length of the ``with`` block, returned to the pool afterwards."""
        conn = self.acquire()
        try:
            yield conn
        finally:
            self.release(conn)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection inside a transaction: committed on success, rolled back on error."""
        with self.connection() as conn:
            conn.begin()
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def close(self) -> None:
        for conn in self._idle:
            conn.close()
