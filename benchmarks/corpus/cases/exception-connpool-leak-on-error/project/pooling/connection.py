"""An in-memory stand-in for a driver connection; it records what it was asked to run."""

from __future__ import annotations


class QueryError(Exception):
    pass


class ConnectionClosed(Exception):
    pass


class Connection:
    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.closed = False
        self.in_transaction = False
        self.executed: list[str] = []

    def execute(self, sql: str) -> None:
        if self.closed:
            raise ConnectionClosed(f"connection {self.ident} is closed")
        if "syntax error" in sql.lower():
            raise QueryError(f"could not run {sql!r}")
        self.executed.append(sql)

    def begin(self) -> None:
        self.execute("BEGIN")
        self.in_transaction = True

    def commit(self) -> None:
        self.execute("COMMIT")
        self.in_transaction = False

    def rollback(self) -> None:
        self.execute("ROLLBACK")
        self.in_transaction = False

    def close(self) -> None:
        self.closed = True
