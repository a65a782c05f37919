"""What the monitor captures: frames, safe argument reprs, fingerprints, request summaries,
redaction; the middleware never changes a response nor raises into the application."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import write_files
from homeostasis.monitor import ASGIMiddleware, WSGIMiddleware, monitor_for
from homeostasis.tools.observe.runtime.capture import capture, fingerprint, safe_repr
from homeostasis.tools.observe.runtime.store import STORE, EventStore

SHOP = {
    "pyproject.toml": "",
    "shop_pricing.py": (
        "COUPONS = {'A': 10}\n\n\n"
        "def price(cents, code, *rest, note=None, **extra):\n"
        "    return cents - cents * COUPONS[code] // 100\n\n\n"
        "def order(card, code):\n"
        "    return price(100, code)\n"),
}


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Path]:
    root = write_files(tmp_path / "shop", SHOP)
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    sys.modules.pop("shop_pricing", None)


def _raised(root: Path, *args: Any) -> BaseException:
    import shop_pricing

    try:
        shop_pricing.order(*args)
    except KeyError as exc:
        return exc
    raise AssertionError("no KeyError")


def test_capture_marks_project_frames_and_keeps_the_innermost_arguments(shop: Path) -> None:
    fp, event = capture(_raised(shop, "4111 1111 1111 1111", "NOPE"), shop,
                        {"method": "GET", "path": "/x", "query_keys": ["code"]})
    assert event["type"] == "KeyError" and event["message"] == "'NOPE'"
    project = [f for f in event["frames"] if f["in_project"]]
    assert [(f["path"], f["function"]) for f in project] == [
        ("shop_pricing.py", "order"), ("shop_pricing.py", "price")]
    assert not event["frames"][0]["in_project"]  # this test file is outside the project
    inner, outer = event["calls"][:2]
    assert inner["qualname"] == "price"
    assert inner["arguments"] == {
        "cents": {"repr": "100", "literal": True, "kind": "positional"},
        "code": {"repr": "'NOPE'", "literal": True, "kind": "positional"},
        "rest": {"repr": "()", "literal": True, "kind": "star"},
        "note": {"repr": "None", "literal": True, "kind": "keyword"},
        "extra": {"repr": "{}", "literal": True, "kind": "starstar"}}
    assert outer["arguments"]["card"] == {"repr": "'[REDACTED]'", "literal": False,
                                          "kind": "positional"}
    assert fp == fingerprint("KeyError", event["frames"])


def test_the_fingerprint_ignores_line_numbers_and_arguments(shop: Path) -> None:
    first, event = capture(_raised(shop, "x", "NOPE"), shop)
    second, _ = capture(_raised(shop, "y", "OTHER"), shop)
    moved = [{**f, "line": f["line"] + 7} for f in event["frames"]]
    assert first == second == fingerprint("KeyError", moved)
    assert fingerprint("ValueError", event["frames"]) != first


def test_safe_repr_never_calls_the_projects_repr_and_cuts_long_values() -> None:
    called = []

    class Account:
        def __repr__(self) -> str:
            called.append(1)
            return "Account(secret)"

    assert safe_repr(Account(), "x") == {
        "repr": f"<{__name__}.test_safe_repr_never_calls_the_projects_repr_and_cuts_long_"
                "values.<locals>.Account object>", "literal": False}
    assert not called
    long = safe_repr("a" * 5000, "x")
    assert not long["literal"] and len(long["repr"]) < 300
    assert safe_repr({"k": [1, 2.5, None]}, "x") == {"repr": "{'k': [1, 2.5, None]}",
                                                     "literal": True}
    assert safe_repr("Bearer abcdef0123456789", "x")["literal"] is False


def _app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    if environ["PATH_INFO"] == "/boom":
        import shop_pricing

        shop_pricing.order("card", environ["QUERY_STRING"].split("=")[1])
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"fine"]


def _call(app: Any, path: str, query: str = "") -> tuple[list[str], list[bytes]]:
    started: list[str] = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "HTTP_AUTHORIZATION": "Bearer tok-9f8e7d6c5b4a3928", "wsgi.input": None}
    body = app(environ, lambda status, headers, exc_info=None: started.append(status))
    return started, list(body)


def test_wsgi_middleware_passes_responses_and_exceptions_through(shop: Path) -> None:
    app = WSGIMiddleware(_app, project=shop)
    assert _call(app, "/ok") == (["200 OK"], [b"fine"])
    with pytest.raises(KeyError) as raised:
        _call(app, "/boom", "coupon=SECRETVALUE")
    assert raised.value.args == ("SECRETVALUE",)
    app.monitor.flush()
    (failure,) = EventStore(shop).failures()
    assert failure.count == 1 and failure.state == "new"
    assert failure.event["request"] == {"method": "GET", "path": "/boom",
                                        "query_keys": ["coupon"]}
    stored = (shop / STORE).read_bytes() + (shop / f"{STORE}-wal").read_bytes()
    assert b"tok-9f8e7d6c5b4a3928" not in stored  # headers are never read
    assert EventStore(shop).traffic(0).requests == 2


def test_asgi_middleware_records_and_reraises(shop: Path) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["path"] == "/boom":
            import shop_pricing

            shop_pricing.order("card", "NOPE")
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    watched = ASGIMiddleware(app, project=shop)
    scope = {"type": "http", "method": "POST", "path": "/ok", "query_string": b"a=1&b=2"}
    asyncio.run(watched(scope, receive, send))
    assert [m.get("status") for m in sent] == [204, None]
    with pytest.raises(KeyError):
        asyncio.run(watched({**scope, "path": "/boom"}, receive, send))
    (failure,) = EventStore(shop).failures()
    assert failure.event["request"] == {"method": "POST", "path": "/boom",
                                        "query_keys": ["a", "b"]}


def test_a_broken_store_never_reaches_the_application(shop: Path, capsys: Any) -> None:
    (shop / ".homeostasis").write_text("a file where the store's folder should be")
    app = WSGIMiddleware(_app, project=shop)
    with pytest.raises(KeyError):
        _call(app, "/boom", "coupon=NOPE")
    assert _call(app, "/ok") == (["200 OK"], [b"fine"])
    assert "homeostasis.monitor:" in capsys.readouterr().err


def _record_many(root: str) -> None:
    store = EventStore(Path(root))
    for i in range(25):
        store.record("fp", {"n": i}, generation=0)


def test_the_store_takes_writes_from_several_processes(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_record_many, args=(str(tmp_path),)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    (failure,) = EventStore(tmp_path).failures()
    assert failure.count == 75 and EventStore(tmp_path).occurrences("fp") == 75
    mode = sqlite3.connect(tmp_path / STORE).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_one_monitor_per_project_and_process(tmp_path: Path) -> None:
    assert monitor_for(tmp_path) is monitor_for(str(tmp_path))
    assert monitor_for(tmp_path) is not monitor_for(tmp_path / "other")


def test_the_monitor_imports_nothing_heavy() -> None:
    heavy = ("openai", "anthropic", "docker", "tree_sitter", "tiktoken", "httpx", "diskcache",
             "homeostasis.loop", "homeostasis.models", "homeostasis.propose")
    code = ("import sys, homeostasis.monitor\n"
            f"print([m for m in sys.modules if m.startswith({heavy!r})])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_a_failure_is_claimed_by_one_watcher(tmp_path: Path) -> None:
    store = EventStore(tmp_path)
    store.record("fp", {}, generation=0)
    assert store.claim("fp") and not EventStore(tmp_path).claim("fp")
    assert [f.state for f in store.failures()] == ["healing"]
    assert store.failures("new") == []


def test_each_project_in_one_process_records_its_own_requests_failures(tmp_path: Path) -> None:
    def failing(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        try:
            {}[environ["PATH_INFO"]]
        except KeyError:  # as a framework does: logged, answered 500
            logging.getLogger("framework").exception("error")
        start_response("500 INTERNAL SERVER ERROR", [])
        return [b""]

    first = WSGIMiddleware(failing, project=tmp_path / "first")
    second = WSGIMiddleware(failing, project=tmp_path / "second")
    try:
        _call(first, "/one")
        _call(second, "/two")
        _call(second, "/two")
    finally:
        for app in (first, second):
            for handler in logging.getLogger().handlers[:]:
                if getattr(handler, "monitor", None) is app.monitor:
                    logging.getLogger().removeHandler(handler)
    assert [(f.event["message"], f.count) for f in EventStore(tmp_path / "first").failures()
            ] == [("'/one'", 1)]
    assert [(f.event["message"], f.count) for f in EventStore(tmp_path / "second").failures()
            ] == [("'/two'", 2)]
