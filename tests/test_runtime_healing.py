"""The pieces between a captured failure and a healthy service: the reproduction test and its
command (only the captured exception fails it), the deploy's mode, the health check (on a
fake clock), the excepthook and logging handler. Swapping code is in test_runtime_swap.py;
what watch does after a deploy, in test_watch_verdict.py."""

from __future__ import annotations

import dataclasses
import json
import logging
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import clean_env, write_files
from homeostasis.core.records import Failure as RecordedFailure
from homeostasis.core.records import TestResult, TestRun
from homeostasis.monitor import install_handler
from homeostasis.tools.deploy.health import check_health
from homeostasis.tools.deploy.hotswap import swap_mode
from homeostasis.tools.observe.runtime.reproduce import command_with, not_reproduced, reproduce
from homeostasis.tools.observe.runtime.store import EventStore, Failure
from service_support import FakeClock

PRICING = ("COUPONS = {'A': 10}\n\n\n"
           "def price(cents, code):\n"
           "    \"\"\"An unknown code takes nothing off.\"\"\"\n"
           "    return cents - cents * COUPONS[code] // 100\n")


def _failure(calls: list[dict[str, object]]) -> Failure:
    event = {"type": "KeyError", "message": "'NOPE'", "frames": [], "calls": calls,
             "request": {"method": "GET", "path": "/p", "query_keys": ["code"]}}
    return Failure("f00d", event, 1.0, 2.0, 3, "new", {})


def _arg(text: str, literal: bool = True, kind: str = "positional") -> dict[str, object]:
    return {"repr": text, "literal": literal, "kind": kind}


def test_the_reproduction_calls_the_innermost_replayable_function(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"shop/__init__.py": "", "shop/pricing.py": PRICING,
                                  "pyproject.toml": ""})
    calls = [
        {"path": "shop/pricing.py", "function": "charge", "qualname": "Till.charge",
         "arguments": {"self": _arg("<shop.Till object>", False)}},
        {"path": "shop/pricing.py", "function": "price", "qualname": "price",
         "arguments": {"cents": _arg("100"), "code": _arg("'NOPE'")}},
    ]
    repro, how = reproduce(_failure(calls), root)
    assert repro is not None, how
    assert repro.path == ".homeostasis-repro/test_runtime_f00d.py"
    assert repro.test_id.endswith("::test_runtime_f00d")
    assert "from shop.pricing import price" in repro.text
    assert "result = price(100, 'NOPE')" in repro.text
    assert "assert result is not None" in repro.text  # it always returns a value
    assert "An unknown code takes nothing off." in repro.text
    (root / repro.path).parent.mkdir()
    (root / repro.path).write_text(repro.text)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           repro.path], cwd=root, env=clean_env(), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 1 and "KeyError: 'NOPE'" in done.stdout, done.stdout


def test_no_reproduction_from_values_that_cannot_be_replayed(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"pricing.py": PRICING})
    calls = [{"path": "pricing.py", "function": "price", "qualname": "price",
              "arguments": {"cents": _arg("100"), "code": _arg("'[REDACTED]'", False)}}]
    repro, why = reproduce(_failure(calls), root)
    assert repro is None and "redacted" in why


def test_the_command_runs_the_suite_and_the_reproduction(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"pricing.py": PRICING, "checks/test_x.py": "",
                                  "pyproject.toml": "[tool.pytest.ini_options]\n"
                                                    "testpaths = ['checks']\n"})
    calls = [{"path": "pricing.py", "function": "price", "qualname": "price",
              "arguments": {"cents": _arg("1"), "code": _arg("'X'")}}]
    repro, _ = reproduce(_failure(calls), root)
    assert repro is not None
    assert command_with(None, root, repro) == (
        "python -m pytest checks .homeostasis-repro/test_runtime_f00d.py")
    assert command_with("python -m pytest -x checks", root, repro) == (
        "python -m pytest -x checks .homeostasis-repro/test_runtime_f00d.py")
    (root / "pyproject.toml").write_text("")  # no testpaths: what `.` holds, named
    (root / "build").mkdir()
    (root / "test_top.py").write_text("")
    expected = "python -m pytest checks test_top.py .homeostasis-repro/test_runtime_f00d.py"
    assert command_with(None, root, repro) == expected
    assert command_with("python -m pytest .", root, repro) == expected


def test_without_testpaths_the_suite_and_the_reproduction_both_run(tmp_path: Path) -> None:
    """pytest folds a path inside another given path into it, and does not enter hidden
    folders: given `.`, the reproduction would silently not run."""
    root = write_files(tmp_path, {"pricing.py": PRICING, "pyproject.toml": "",
                                  "tests/test_pricing.py": ("from pricing import price\n\n\n"
                                                            "def test_a():\n"
                                                            "    assert price(100, 'A') == 90\n")})
    calls = [{"path": "pricing.py", "function": "price", "qualname": "price",
              "arguments": {"cents": _arg("1"), "code": _arg("'X'")}}]
    repro, _ = reproduce(_failure(calls), root)
    assert repro is not None
    (root / repro.path).parent.mkdir()
    (root / repro.path).write_text(repro.text)
    argv = shlex.split(command_with(None, root, repro))
    done = subprocess.run([sys.executable, *argv[1:], "-q", "-p", "no:cacheprovider"], cwd=root,
                          env=clean_env(), capture_output=True, text=True, timeout=120,
                          check=False)
    assert "1 failed, 1 passed" in done.stdout, done.stdout


@pytest.mark.parametrize("new, mode", [
    (PRICING.replace("COUPONS[code]", "COUPONS.get(code, 0)"), "swap"),
    (PRICING.replace("(cents, code)", "(cents, code=None)"), "reload"),
    (PRICING.replace("'A': 10", "'A': 15"), "reload"),
    (PRICING + "\n\ndef extra():\n    return 1\n", "reload"),
])
def test_the_deploy_swaps_code_only_when_only_function_bodies_changed(new: str, mode: str
                                                                      ) -> None:
    assert swap_mode({"p.py": PRICING}, {"p.py": new}) == mode
    assert swap_mode({"data.json": "{}"}, {"data.json": "[]"}) == "reload"


def _traffic(store: EventStore, generation: int, requests: int, errors: int) -> None:
    store.count_traffic(requests, errors, generation)


def test_health_rolls_back_when_the_fixed_failure_recurs(tmp_path: Path) -> None:
    store, clock = EventStore(tmp_path), FakeClock(1000.0)
    store.record("fp", {"n": 1}, generation=0, at=900.0)
    store.record("fp", {"n": 2}, generation=1, at=1001.0)
    health = check_health(store, "fp", 1, 1000.0, 30, clock=clock, sleep=clock.sleep)
    assert not health.healthy and "recurred 1 time(s)" in health.reason
    assert clock.now == 1000.0  # said at once, not after the window


def test_health_rolls_back_when_the_error_rate_rises(tmp_path: Path) -> None:
    store, clock = EventStore(tmp_path), FakeClock(2000.0)
    _traffic(store, 0, 50, 0)
    _traffic(store, 1, 40, 12)
    health = check_health(store, "fp", 1, 1990.0, 30, clock=clock, sleep=clock.sleep)
    assert clock.now >= 2020.0
    assert health.verdict == "unhealthy" and "rose from 0% to 30%" in health.reason


def test_health_keeps_a_deploy_that_serves_as_well_as_before(tmp_path: Path) -> None:
    store, clock = EventStore(tmp_path), FakeClock(3000.0)
    # before: 10 errors, 8 of them the fixed failure's; after: 2 of 100
    for _ in range(8):
        store.record("fp", {}, generation=0, at=2995.0)
    _traffic(store, 0, 100, 10)
    _traffic(store, 1, 100, 2)
    health = check_health(store, "fp", 1, 3000.0, 10, clock=clock, sleep=clock.sleep)
    assert health.verdict == "healthy" and "2 of 100 requests answered 5xx" in health.reason


def test_health_with_no_request_under_the_new_code_is_unverified(tmp_path: Path) -> None:
    store, clock = EventStore(tmp_path), FakeClock(3000.0)
    _traffic(store, 0, 100, 10)  # the old code served; nothing came under the new one
    health = check_health(store, "fp", 1, 3000.0, 10, clock=clock, sleep=clock.sleep)
    assert health.verdict == "unverified" and not health.healthy
    assert "no request was served under generation 1" in health.reason


def test_the_excepthook_records_what_ends_a_script(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"job.py": (
        "from homeostasis.monitor import install_excepthook\n"
        "install_excepthook()\n"
        "def run(batch):\n"
        "    return 1 / len(batch)\n"
        "run([])\n")})
    done = subprocess.run([sys.executable, "job.py"], cwd=root, env=clean_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "ZeroDivisionError" in done.stderr  # still reported
    (failure,) = EventStore(root).failures()
    assert failure.event["type"] == "ZeroDivisionError"
    assert failure.event["calls"][0]["arguments"]["batch"]["repr"] == "[]"


def test_the_logging_handler_records_logged_exceptions_once(tmp_path: Path) -> None:
    handler = install_handler(tmp_path)
    assert install_handler(tmp_path) is handler
    logger = logging.getLogger("shop-test")
    try:
        try:
            {}["missing"]
        except KeyError:
            logger.exception("could not serve")
            logger.error("again", exc_info=True)
        assert handler.monitor.flush(10)
    finally:
        handler.close()
    (failure,) = EventStore(tmp_path).failures()
    assert failure.count == 1 and json.dumps(failure.event).count("KeyError") >= 1


ORDERS_APP = {
    "pyproject.toml": "",
    "orders/__init__.py": "",
    "orders/web.py": (
        "from flask import Flask\n"
        "from flask.views import MethodView\n"
        "from homeostasis.monitor import WSGIMiddleware\n\n"
        "class Book:\n"
        "    def __init__(self):\n"
        "        self.orders = {1: 'pear'}\n\n"
        "    def find(self, number):\n"
        "        return self.orders[number]\n\n"
        "app = Flask(__name__)\n\n"
        "class Orders(MethodView):\n"
        "    def get(self, number):\n"
        "        return {'item': Book().find(number)}\n\n"
        "app.add_url_rule('/orders/<int:number>', view_func=Orders.as_view('orders'))\n"
        "application = WSGIMiddleware(app)\n"),
    "orders/asgi.py": (
        "from homeostasis.monitor import ASGIMiddleware\n"
        "from orders.web import Book\n\n"
        "async def app(scope, receive, send):\n"
        "    item = Book().find(int(scope['path'].rsplit('/', 1)[1]))\n"
        "    await send({'type': 'http.response.start', 'status': 200, 'headers': []})\n"
        "    await send({'type': 'http.response.body', 'body': item.encode()})\n\n"
        "application = ASGIMiddleware(app)\n"),
}


def _run_repro(root: Path, repro: object) -> subprocess.CompletedProcess[str]:
    for rel, text in repro.files.items():  # type: ignore[attr-defined]
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           repro.path], cwd=root, env=clean_env(),  # type: ignore[attr-defined]
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wsgi", "asgi"])
def test_a_request_is_replayed_when_no_call_can_be(tmp_path: Path, kind: str) -> None:
    root = write_files(tmp_path / "orders", ORDERS_APP)
    crash = {
        "wsgi": "from orders.web import application\nfrom werkzeug.test import Client\n"
                "assert Client(application).get('/orders/7').status_code == 500\n",
        "asgi": "import asyncio\nfrom orders.asgi import application\n"
                "async def send(m): pass\nasync def receive(): return {}\n"
                "try:\n    asyncio.run(application({'type': 'http', 'method': 'GET', "
                "'path': '/orders/7', 'query_string': b''}, receive, send))\n"
                "except KeyError:\n    pass\n",
    }[kind]
    subprocess.run([sys.executable, "-c", crash], cwd=root, env=clean_env(), check=True,
                   capture_output=True, timeout=60)
    (failure,) = EventStore(root).failures()
    target = {"wsgi": "orders.web:application", "asgi": "orders.asgi:application"}[kind]
    assert failure.event["app"] == {"kind": kind, "target": target}
    repro, how = reproduce(failure, root)
    assert repro is not None, how
    assert repro.call == f"replay_{kind}(application.app, 'GET', '/orders/7')"
    failed = _run_repro(root, repro)
    assert failed.returncode == 1 and "KeyError: 7" in failed.stdout, failed.stdout
    assert "orders/web.py" in failed.stdout  # the traceback leads to the fault
    web = root / "orders" / "web.py"
    web.write_text(web.read_text().replace("self.orders[number]", "self.orders.get(number, '')"))
    assert _run_repro(root, repro).returncode == 0


SHOP_VIEWS = {
    "pyproject.toml": "",
    "shop/__init__.py": "",
    "shop/app.py": (
        "from pathlib import Path\n"
        "from flask import Flask, request\n"
        "from homeostasis.monitor import WSGIMiddleware\n\n"
        "app = Flask(__name__)\n\n\n"
        "@app.post('/checkout')\n"
        "def checkout():\n"
        "    order = request.get_json()\n"
        "    return {'total': order['qty'] * 100}\n\n\n"
        "@app.get('/account')\n"
        "def account():\n"
        "    if request.headers.get('Authorization') != 'Bearer t0ken':\n"
        "        return {'error': 'login'}, 401\n"
        "    return {'plan': PLANS['gold']}\n\n\n"
        "application = WSGIMiddleware(app, project=Path(__file__).resolve().parents[1])\n"),
}


@pytest.mark.slow
def test_a_view_that_needs_its_request_is_not_called_and_a_refused_replay_is_no_pass(
        tmp_path: Path) -> None:
    root = write_files(tmp_path / "proj", SHOP_VIEWS)
    crash = ("from shop.app import application\nfrom werkzeug.test import Client\n"
             "c = Client(application)\n"
             "assert c.post('/checkout', json={'item': 'apple'}).status_code == 500\n"
             "assert c.get('/account', headers={'Authorization': 'Bearer t0ken'}"
             ").status_code == 500\n")
    subprocess.run([sys.executable, "-c", crash], cwd=root, env=clean_env(), check=True,
                   capture_output=True, timeout=60)
    by_type = {f.event["type"]: f for f in EventStore(root).failures()}
    # checkout() called directly fails outside a request (not with the KeyError seen), and
    # a POST is not replayed: no reproduction
    repro, why = reproduce(by_type["KeyError"], root)
    assert repro is None and "request" in why
    # account() is replayed without the credentials: refused, which reproduces nothing
    repro, _ = reproduce(by_type["NameError"], root)
    assert repro is not None and repro.call.startswith("replay_wsgi(")
    done = _run_repro(root, repro)
    assert done.returncode == 0 and "1 skipped" in done.stdout, done.stdout


def test_a_call_that_fails_another_way_than_the_failure_seen_is_skipped(tmp_path: Path
                                                                         ) -> None:
    root = write_files(tmp_path, {"pricing.py": PRICING, "pyproject.toml": ""})
    calls = [{"path": "pricing.py", "function": "price", "qualname": "price",
              "arguments": {"cents": _arg("100")}}]  # a call that raises TypeError
    repro, how = reproduce(_failure(calls), root)
    assert repro is not None, how
    done = _run_repro(root, repro)
    assert done.returncode == 0 and "1 skipped" in done.stdout, done.stdout


def test_a_request_that_could_change_something_is_never_replayed(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"orders/__init__.py": "", "orders/web.py": "",
                                  "pyproject.toml": ""})
    event = {"type": "KeyError", "message": "7", "frames": [], "calls": [],
             "request": {"method": "DELETE", "path": "/orders/7", "query_keys": []},
             "app": {"kind": "wsgi", "target": "orders.web:application"}}
    failure = Failure("f00d", event, 1.0, 2.0, 1, "new", {})
    assert reproduce(failure, root)[0] is None
    get = {**event, "request": {**event["request"], "method": "GET"}}
    assert reproduce(dataclasses.replace(failure, event=get), root)[0] is not None


def _baseline(outcome: str, exc_type: str = "") -> TestRun:
    test = ".homeostasis-repro/test_runtime_f00d.py::test_runtime_f00d"
    failures = (RecordedFailure(test, exc_type, "boom"),) if exc_type else ()
    return TestRun("ok", (TestResult(test, outcome),), failures)  # type: ignore[arg-type]


def test_only_the_captured_exception_in_the_baseline_is_a_reproduction(tmp_path: Path
                                                                        ) -> None:
    root = write_files(tmp_path, {"pricing.py": PRICING, "pyproject.toml": ""})
    failure = _failure([{"path": "pricing.py", "function": "price", "qualname": "price",
                         "arguments": {"cents": _arg("1"), "code": _arg("'X'")}}])
    repro, _ = reproduce(failure, root)
    assert repro is not None
    assert not_reproduced(_baseline("failed", "KeyError"), repro, failure) is None
    state, why = not_reproduced(_baseline("failed", "AssertionError"), repro, failure) or ("", "")
    assert state == "unreproducible" and "fails with AssertionError" in why
    assert "captured KeyError" in why
    assert not_reproduced(_baseline("skipped"), repro, failure)[0] == "unreproducible"  # type: ignore[index]
    assert not_reproduced(_baseline("passed"), repro, failure)[0] == "not_reproduced"  # type: ignore[index]
