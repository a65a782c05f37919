"""What ``homeostasis.monitor`` costs a service on the happy path.

    python benchmarks/monitor_overhead.py [--requests N] [--repeat N]

1. In process: a trivial WSGI app called directly, bare and wrapped in ``WSGIMiddleware``
   (likewise an ASGI app and ``ASGIMiddleware``); the difference per request in microseconds.
   Then a request that fails in a project function (repeatedly: after the first, a failure
   of a fingerprint already seen is only counted), what the first one's whole capture costs
   (frames, arguments, redaction, the fingerprint), and requests while another connection
   holds the store's write lock.
2. Under a real server: a one-route Flask app served by gunicorn (two sync workers) on
   127.0.0.1, bare and wrapped, hit by four client threads (a new connection per request, as
   a sync worker closes each); requests per second, the median of ``--repeat`` runs each,
   the two variants alternating so drift hits both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from homeostasis.monitor import ASGIMiddleware, WSGIMiddleware
from homeostasis.tools.observe.runtime.capture import capture
from homeostasis.tools.observe.runtime.store import STORE, EventStore

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

FAILING = """\
PRICES = {"apple": 120}


def price(item, coupon, quantity=1):
    return PRICES[item] * quantity


def failing(environ, start_response):
    return [str(price("melon", "SPRING10", 3)).encode()]
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

    times = {
        "wsgi bare": wsgi_time(_wsgi),
        "wsgi watched": wsgi_time(WSGIMiddleware(_wsgi, project=root)),
        "asgi bare": asyncio.run(asgi_loop(_asgi)),
        "asgi watched": asyncio.run(asgi_loop(ASGIMiddleware(_asgi, project=root))),
    }
    sys.path.insert(0, str(root))
    from bench_failing import failing  # a project module: its frames are captured

    def failing_time(app: Any, calls: int) -> float:
        began = time.perf_counter()
        for _ in range(calls):
            with contextlib.suppress(KeyError):
                app(environ, start)
        return (time.perf_counter() - began) / calls * 1e6

    calls = max(n // 20, 100)
    times["wsgi failing bare"] = failing_time(failing, calls)
    times["wsgi failing watched"] = failing_time(WSGIMiddleware(failing, project=root), calls)
    try:
        failing(environ, start)
    except KeyError as exc:  # what the first failure of its kind costs: a whole capture
        began = time.perf_counter()
        for _ in range(calls):
            capture(exc, root, {"method": "GET", "path": "/", "query_keys": []})
        times["capture of a failure's first occurrence"] = (
            (time.perf_counter() - began) / calls * 1e6)
    EventStore(root).register_worker({}, 0)  # the store exists; another connection locks it
    holder = sqlite3.connect(root / STORE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        times["wsgi watched, store locked"] = wsgi_time(WSGIMiddleware(_wsgi, project=root))
        times["wsgi failing watched, store locked"] = failing_time(
            WSGIMiddleware(failing, project=root), calls)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    return times


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
        (folder / "bench_failing.py").write_text(FAILING)
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
