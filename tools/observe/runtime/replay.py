"""Replaying a request through a WSGI or ASGI application in-process, for a reproduction
test. Standard library only: its source is copied next to the test into the run's snapshot
(the project's interpreter need not have Homeostasis).

An exception the application raised, or logged while it turned it into a 5xx (as Flask
does), is raised again from here, so the test fails with the traceback that leads to the
fault; otherwise the answer's status is returned.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def _logged_exceptions() -> Iterator[list[BaseException]]:
    caught: list[BaseException] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.exc_info and record.exc_info[1] is not None:
                caught.append(record.exc_info[1])

    handler = Catch(logging.ERROR)
    logging.getLogger().addHandler(handler)
    try:
        yield caught
    finally:
        logging.getLogger().removeHandler(handler)


def replay_wsgi(app: Callable[..., Any], method: str, path: str) -> int:
    """The status ``app`` answers ``method path``; raises what it raised or logged."""
    from wsgiref.util import setup_testing_defaults

    environ: dict[str, Any] = {"REQUEST_METHOD": method, "PATH_INFO": path,
                               "QUERY_STRING": ""}
    setup_testing_defaults(environ)
    started: list[str] = []
    with _logged_exceptions() as caught:
        body = app(environ, lambda status, headers, exc_info=None: started.append(status))
        try:
            b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
    if caught:
        raise caught[0]
    return int(started[0][:3])


def replay_asgi(app: Callable[..., Any], method: str, path: str) -> int:
    """The status ``app`` answers ``method path``; raises what it raised or logged."""
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(int(message["status"]))

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "headers": [],
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1)}
    with _logged_exceptions() as caught:
        asyncio.run(app(scope, receive, send))
    if caught:
        raise caught[0]
    return statuses[0] if statuses else 500
