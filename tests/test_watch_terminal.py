"""``homeostasis watch`` with its default policy (ask) on a real pseudo-terminal: the failure's
fix is offered in the same conversation ``fix`` has, and ``y`` there hot-swaps it into the
running service — the fix goes through the watch's deployer, not only into the working tree,
and the failure ends ``repaired`` only once the service runs it and serves well."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import clean_env, write_files
from homeostasis.tools.observe.runtime.store import EventStore
from service_support import free_port, request, wait_recorded, wait_serving
from terminal import Terminal

pytestmark = [pytest.mark.e2e]

PRICING = ("COUPONS = {'A': 10}\n\n\n"
           "def price(cents, code):\n"
           "    \"\"\"An unknown code takes nothing off.\"\"\"\n"
           "    return cents - cents * COUPONS[code] // 100\n")
#: A one-process service on the standard library's WSGI server, watched by the monitor.
SERVE = """
import sys
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

from homeostasis.monitor import WSGIMiddleware
from pricing import price


def app(environ, start):
    code = parse_qs(environ["QUERY_STRING"])["code"][0]
    body = str(price(100, code)).encode()
    start("200 OK", [("Content-Type", "text/plain")])
    return [body]


application = WSGIMiddleware(app, project=Path(__file__).resolve().parent)
make_server("127.0.0.1", int(sys.argv[1]), application).serve_forever()
"""


def test_y_at_the_watch_prompt_hot_swaps_the_fix_into_the_service(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "pricing.py": PRICING,
        "serve.py": SERVE,
        "tests/test_pricing.py": ("from pricing import price\n\n\n"
                                  "def test_a_known_code():\n"
                                  "    assert price(100, 'A') == 90\n"),
        "pyproject.toml": "[tool.homeostasis]\nhealth_window = 2\n",
    })
    port = free_port()
    server = subprocess.Popen([sys.executable, "serve.py", str(port)], cwd=root,
                              env=clean_env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()

    def serve_customers() -> None:
        while not stop.wait(0.05):
            request(port, "/?code=A")

    traffic = threading.Thread(target=serve_customers)
    try:
        wait_serving(server, port, "/?code=A")
        assert request(port, "/?code=NOPE")[0] == 500
        (failure,) = wait_recorded(root, 1)
        traffic.start()  # the service keeps serving while watch repairs it

        term = Terminal("watch", "--once", root, env={"NO_COLOR": "1"})
        try:
            term.read_until(r"KeyError")
            term.read_until(r"> $")
            term.type("y")
            term.read_until(r"hot-swapped as generation")
            term.read_until(r"> $")
            term.type("q")
            term.read_until(r"healthy: ")
            assert term.wait() == 0, term.output
        finally:
            term.close()
        assert request(port, "/?code=NOPE") == (200, "100")  # the running service is fixed
    finally:
        stop.set()
        if traffic.is_alive():
            traffic.join()
        server.terminate()
        server.wait(timeout=15)
    assert "COUPONS.get(code" in (root / "pricing.py").read_text()
    (kept,) = EventStore(root).failures()
    assert kept.fingerprint == failure.fingerprint and kept.state == "repaired"
    run_dir = root / ".homeostasis" / "runs" / kept.note["run_id"]
    swapped = json.loads((run_dir / "hotswap.json").read_text())
    assert swapped["generation"] == 1 and swapped["changed"] == {"pricing.py": ["price"]}
    assert json.loads((run_dir / "rollout.json").read_text())["applied"] == [server.pid]
