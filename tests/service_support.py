"""A real web server running the shop example for the runtime-healing tests: start it on a
free loopback port, talk HTTP to it, stop it (by its own process id)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from helpers import clean_env
from homeostasis.tools.observe.runtime.store import EventStore

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(port: int, path: str, body: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None) -> tuple[int, str]:
    """(status, body text) of one request to the server on ``port`` (loopback only)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@contextmanager
def serving(project: Path, server: str) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """The example at ``project`` served by ``gunicorn`` (WSGI, two workers) or ``uvicorn``
    (ASGI, two workers); the server process and its port."""
    port = free_port()
    argv = {
        "gunicorn": [str(BIN / "gunicorn"), "--workers", "2", "--graceful-timeout", "5",
                     "--bind", f"127.0.0.1:{port}", "shop.app:application"],
        "uvicorn": [str(BIN / "uvicorn"), "--workers", "2", "--host", "127.0.0.1",
                    "--port", str(port), "shop.asgi:application"],
    }[server]
    log = (project.parent / f"{server}.log").open("wb")
    proc = subprocess.Popen(argv, cwd=project, env=clean_env(), stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL)
    try:
        wait_serving(proc, port, "/catalog", project.parent / f"{server}.log")
        yield proc, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def wait_recorded(root: Path, count: int) -> list[Any]:
    """The failures stored under ``root`` once there are ``count`` of them: a service's
    monitor writes them from a thread of its own after the response, not in the request."""
    deadline = time.monotonic() + 30
    while len(found := EventStore(root).failures()) < count:
        assert time.monotonic() < deadline, f"fewer than {count} failure(s) recorded"
        time.sleep(0.1)
    return found


class FakeClock:
    """A clock for the health check: ``sleep`` moves it on, nothing waits."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def wait_serving(proc: subprocess.Popen[bytes], port: int, path: str,
                 log: Path | None = None) -> None:
    """Wait until ``proc`` answers ``path`` with 200; fails with the server's log (when
    given) if it ends or 30 seconds pass first."""
    deadline = time.monotonic() + 30
    while True:
        try:
            if request(port, path)[0] == 200:
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(log.read_text() if log else f"nothing served {path}")
        time.sleep(0.2)
