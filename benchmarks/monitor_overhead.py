"""What ``homeostasis.monitor`` costs a service on the happy path.

    python benchmarks/monitor_overhead.py [--requests N] [--repeat N]

1. In process: a trivial WSGI app called directly, bare and wrapped in ``WSGIMiddleware``
   (likewise an ASGI app and ``ASGIMiddleware``); the difference per request in microseconds.
2. Under a real server: a one-route Flask app served by gunicorn (two sync workers) on
   127.0.0.1, bare and wrapped, hit by four client threads (a new connection per request, as
   a sync worker closes each); requests per second, the median of ``--repeat`` runs each,
   the two variants alternating so drift hits both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from homeostasis.monitor import ASGIMiddleware, WSGIMiddleware

APP = """\
import os
from flask import Flask
from homeostasis.monitor import WSGIMiddleware

app = Flask(__name__)


@app.get("/")
def index():
    return "ok"


watched = os.environ.get("WATCHED") == "1"
application = WSGIMiddleware(app, project=os.path.dirname(__file__)) if watched else app
"""


def _wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


async def _asgi(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def in_process(n: int, root: Path) -> dict[str, float]:
    """Microseconds per request: bare and wrapped, WSGI and ASGI."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": ""}

    def start(*_: Any) -> None:
        return None

    def wsgi_time(app: Any) -> float:
        began = time.perf_counter()
        for _ in range(n):
            app(environ, start)
        return (time.perf_counter() - began) / n * 1e6

    async def asgi_loop(app: Any) -> float:
        scope = {"type": "http", "method": "GET", "path": "/", "query_string": b""}

        async def send(_: Any) -> None:
            return None

        async def receive() -> Any:
            return {"type": "http.request"}

        began = time.perf_counter()
        for _ in range(n):
            await app(scope, receive, send)
        return (time.perf_counter() - began) / n * 1e6

    return {
        "wsgi bare": wsgi_time(_wsgi),
        "wsgi watched": wsgi_time(WSGIMiddleware(_wsgi, project=root)),
        "asgi bare": asyncio.run(asgi_loop(_asgi)),
        "asgi watched": asyncio.run(asgi_loop(ASGIMiddleware(_asgi, project=root))),
    }


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _hammer(port: int, total: int, threads: int = 4) -> float:
    """Requests per second for ``total`` requests from ``threads`` clients."""
    each = total // threads
    errors: list[BaseException] = []

    def client() -> None:
        try:
            for _ in range(each):
                _get(port)
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    began = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    if errors:
        raise errors[0]
    return each * threads / (time.perf_counter() - began)


def _get(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/")
        if conn.getresponse().read() != b"ok":
            raise RuntimeError("the benchmark app did not answer ok")
    finally:
        conn.close()


def under_gunicorn(folder: Path, watched: bool, requests: int) -> float:
    port = _port()
    env = {**os.environ, "WATCHED": "1" if watched else "0"}
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    proc = subprocess.Popen([gunicorn, "--workers", "2", "--bind", f"127.0.0.1:{port}",
                             "bench_app:application"], cwd=folder, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(port)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        _hammer(port, 400)  # warm up both workers
        return _hammer(port, requests)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calls", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench_app.py").write_text(APP)
        for name, micros in in_process(args.calls, folder).items():
            print(f"in process, {name}: {micros:.2f} µs per request")
        runs: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(args.repeat):
            for watched in (False, True):
                runs[watched].append(under_gunicorn(folder, watched, args.requests))
        bare, watched_rps = statistics.median(runs[False]), statistics.median(runs[True])
        print(f"gunicorn, 2 workers, bare:    {bare:.0f} requests/s "
              f"(runs: {', '.join(f'{r:.0f}' for r in runs[False])})")
        print(f"gunicorn, 2 workers, watched: {watched_rps:.0f} requests/s "
              f"(runs: {', '.join(f'{r:.0f}' for r in runs[True])})")
        print(f"difference: {(watched_rps - bare) / bare:+.1%}")


if __name__ == "__main__":
    main()
