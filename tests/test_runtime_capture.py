"""What the monitor captures: frames, safe and bounded argument reprs, fingerprints, request
summaries, secrets and requests kept out; how it records: off the request path, every
occurrence from many threads, a locked or moved store, at exit; and that it changes nothing of
the application (its responses, its exceptions, its logging)."""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing
import re
import sqlite3
import subprocess
import sys
import threading
import tracemalloc
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_clean_error, clean_env, run_cli, write_files
from homeostasis.core.redaction import is_secret_name, redact
from homeostasis.monitor import ASGIMiddleware, WSGIMiddleware, monitor_for
from homeostasis.tools.observe.runtime.capture import capture, fingerprint, safe_repr
from homeostasis.tools.observe.runtime.store import (
    SCHEMA_VERSION,
    STORE,
    EventStore,
    NewerStore,
    Traffic,
)
from homeostasis.tools.observe.runtime.writer import StoreWriter

COOKIE = "session=s3ss10nV4lue0fAlice"
API_TOKEN = "tok-9f8e7d6c5b4a3928"
PASSWORD = "hunter2-correct-horse"
HEX_KEY = "3f9a1c0e8b7d6a5f4e3d2c1b0a998877"
STRIPE = "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"
SESSION_ID = "s%3Aj9Xk2LmN0pQr"

SHOP = {
    "pyproject.toml": "",
    "shop_pricing.py": (
        "COUPONS = {'A': 10}\n\n\n"
        "def price(cents, code, *rest, note=None, **extra):\n"
        "    return cents - cents * COUPONS[code] // 100\n\n\n"
        "def order(card, code):\n"
        "    return price(100, code)\n"),
    # The applications live in the project, so their own arguments (a WSGI environ, an ASGI
    # scope) are among the innermost project frames' and would be captured if not kept out.
    "shop_app.py": (
        "import asyncio\n\n"
        "import shop_pricing\n\n\n"
        "def application(environ, start_response):\n"
        "    if environ['PATH_INFO'] == '/boom':\n"
        "        shop_pricing.order('card', environ['QUERY_STRING'].split('=')[1])\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'fine']\n\n\n"
        "async def asgi(scope, receive, send):\n"
        "    if scope['path'] == '/boom':\n"
        "        shop_pricing.order('card', 'NOPE')\n"
        "    if scope['path'] == '/slow':\n"
        "        await asyncio.sleep(30)\n"
        "    await send({'type': 'http.response.start', 'status': 204, 'headers': []})\n"
        "    await send({'type': 'http.response.body', 'body': b''})\n"),
    "shop_auth.py": (
        "def login(user, password, api_key, stripe_key, session_id, headers, cookies):\n"
        "    raise ValueError(f'login failed for {user}: key {stripe_key} rejected')\n\n\n"
        "def check(given, pairs, context):\n"
        "    raise PermissionError('refused')\n\n\n"
        "def store_upload(data, rows, probes):\n"
        "    raise KeyError(data)\n"),
}


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Path]:
    root = write_files(tmp_path / "shop", SHOP)
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    for name in ("shop_pricing", "shop_app", "shop_auth"):
        sys.modules.pop(name, None)


def _raised(root: Path, *args: Any) -> BaseException:
    import shop_pricing

    try:
        shop_pricing.order(*args)
    except KeyError as exc:
        return exc
    raise AssertionError("no KeyError")


def _stored(root: Path) -> bytes:
    """Every byte under the project's ``.homeostasis`` (the store, its WAL, the rest)."""
    return b"".join(p.read_bytes() for p in (root / ".homeostasis").rglob("*") if p.is_file())


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
    mixed = safe_repr([Account(), "a" * 3000], "x")  # builtins around it are shown in part
    assert not mixed["literal"] and "Account object>" in mixed["repr"]
    assert not called
    long = safe_repr("a" * 5000, "x")
    assert not long["literal"] and len(long["repr"]) < 300
    assert long["repr"].startswith("<str of 5000 characters: 'aaa")
    assert safe_repr({"k": [1, 2.5, None]}, "x") == {"repr": "{'k': [1, 2.5, None]}",
                                                     "literal": True}
    assert safe_repr("Bearer abcdef0123456789", "x")["literal"] is False


def test_a_large_argument_is_summarised_without_being_printed_whole(shop: Path) -> None:
    import shop_auth

    data = b"\x00" * (50 * 2**20)  # an upload's body
    rows = [{"id": i, "name": "x" * 10} for i in range(300_000)]  # a parsed payload
    probes = [*range(5000), "x"]  # long enough that its end is never looked at
    try:
        shop_auth.store_upload(data, rows, probes)
    except KeyError as exc:
        raised = exc
    tracemalloc.start()
    try:
        _, event = capture(raised, shop)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # A repr of the bytes alone would be 200 MiB; of the rows, 10 MiB.
    assert peak < 2**20, peak
    arguments = event["calls"][0]["arguments"]
    assert arguments["data"]["repr"].startswith("<bytes of 52428800 bytes: b'\\x00")
    assert arguments["rows"]["repr"].startswith("<list of 300000 items: [{'id': 0, ")
    assert arguments["probes"]["repr"].startswith("<list of 5001 items: [0, 1, 2")
    for value in arguments.values():
        assert not value["literal"] and len(value["repr"]) < 1000
    assert event["message"].startswith("<bytes of 52428800 bytes") and len(event["message"]
                                                                          ) < 2000


def _login(shop: Path) -> BaseException:
    import shop_auth

    try:
        shop_auth.login("bob@example.com", PASSWORD, HEX_KEY, STRIPE, SESSION_ID,
                        {"Authorization": f"Bearer {API_TOKEN}"}, {"session": COOKIE})
    except ValueError as exc:
        return exc
    raise AssertionError("no ValueError")


def test_secret_named_arguments_are_never_kept_nor_replayable(shop: Path) -> None:
    _, event = capture(_login(shop), shop)
    arguments = event["calls"][0]["arguments"]
    assert arguments["user"] == {"repr": "'bob@example.com'", "literal": True,
                                 "kind": "positional"}
    for name in ("password", "api_key", "stripe_key", "session_id", "headers", "cookies"):
        assert not arguments[name]["literal"], name
    assert arguments["password"]["repr"] == "<str: [REDACTED]>"
    assert event["message"] == "login failed for bob@example.com: key [REDACTED] rejected"
    text = json.dumps(event)
    for secret in (PASSWORD, HEX_KEY, STRIPE, SESSION_ID, API_TOKEN, COOKIE):
        assert secret not in text, secret


def test_a_request_given_to_the_projects_code_is_never_recorded(shop: Path) -> None:
    import shop_auth

    scope = {"type": "http", "method": "GET", "path": "/boom", "query_string": b"sig=abc",
             "headers": [(b"cookie", COOKIE.encode()), (b"x-api-token", API_TOKEN.encode())]}
    try:  # headers as a dict, one header pair, a scope: under names that say nothing
        shop_auth.check({"Cookie": COOKIE, "Accept": "*/*"}, (b"cookie", COOKIE.encode()),
                        {"type": "http", "headers": scope["headers"]})
    except PermissionError as exc:
        _, event = capture(exc, shop)
    arguments = event["calls"][0]["arguments"]
    assert {name: a["repr"].split(":")[0] for name, a in arguments.items()} == {
        "given": "<request-like dict of 2 items", "pairs": "<request-like tuple of 2 items",
        "context": "<request-like dict of 2 items"}
    assert COOKIE not in json.dumps(event)

    import shop_app

    async def receive() -> Any:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        return None

    watched = ASGIMiddleware(shop_app.asgi, project=shop)
    with pytest.raises(KeyError):
        asyncio.run(watched(scope, receive, send))
    assert watched.monitor.flush(10)
    (failure,) = EventStore(shop).failures()
    (asgi,) = [c for c in failure.event["calls"] if c["function"] == "asgi"]
    assert asgi["arguments"]["scope"]["repr"].startswith("<request-like dict")
    stored = _stored(shop)
    for secret in (COOKIE, API_TOKEN, "sig=abc"):
        assert secret.encode() not in stored, secret


@pytest.mark.parametrize(("name", "secret"), [
    ("password", True), ("new_password", True), ("passwd", True), ("api_key", True),
    ("apiKey", True), ("stripe_key", True), ("token", True), ("access_token", True),
    ("client_secret", True), ("session_id", True), ("sessionId", True), ("cookies", True),
    ("auth", True), ("authorization", True), ("credentials", True),
    ("key", False), ("cache_key", False), ("code", False), ("author", False),
    ("max_tokens", False), ("user", False), ("card", False),
])
def test_secret_names(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


@pytest.mark.parametrize("key", [
    "sk_live_51HxYzAbCdEfGhIjKlMnOp", "rk_live_51HxYzAbCdEfGhIjKlMnOp",
    "pk_live_51HxYzAbCdEfGhIjKlMnOp", "sk_test_51HxYzAbCdEfGhIjKlMnOp",
    "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "github_pat_11ABCDEFG0abcdefghijklmnopqrstuv",
    "xoxb-123456789012-abcdefghijkl", "AKIAABCDEFGHIJKLMNOP", "glpat-abcdefghij0123456789",
    "whsec_abcdefghijklmnop0123",
])
def test_well_known_key_shapes_are_redacted(key: str) -> None:
    text, found = redact(f"charge failed: key {key} rejected", "message")
    assert key not in text and len(found) == 1


def _call(app: Any, path: str, query: str = "") -> tuple[list[str], list[bytes]]:
    started: list[str] = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
               "HTTP_AUTHORIZATION": f"Bearer {API_TOKEN}", "HTTP_COOKIE": COOKIE,
               "wsgi.input": None}
    body = app(environ, lambda status, headers, exc_info=None: started.append(status))
    return started, list(body)


def _wsgi(shop: Path) -> WSGIMiddleware:
    import shop_app

    return WSGIMiddleware(shop_app.application, project=shop)


def test_wsgi_middleware_passes_responses_and_exceptions_through(shop: Path) -> None:
    app = _wsgi(shop)
    assert _call(app, "/ok") == (["200 OK"], [b"fine"])
    with pytest.raises(KeyError) as raised:
        _call(app, "/boom", "coupon=SECRETVALUE")
    assert raised.value.args == ("SECRETVALUE",)
    assert app.monitor.flush(10)
    (failure,) = EventStore(shop).failures()
    assert failure.count == 1 and failure.state == "new"
    assert failure.event["request"] == {"method": "GET", "path": "/boom",
                                        "query_keys": ["coupon"]}
    (application,) = [c for c in failure.event["calls"] if c["function"] == "application"]
    assert application["arguments"]["environ"]["repr"].startswith("<request-like dict")
    stored = _stored(shop)
    assert COOKIE.encode() not in stored and API_TOKEN.encode() not in stored  # the
    # environ passed through a project frame, its headers were not recorded
    assert EventStore(shop).traffic(0) == Traffic(2, 1)


def test_asgi_middleware_records_and_reraises(shop: Path) -> None:
    import shop_app

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    watched = ASGIMiddleware(shop_app.asgi, project=shop)
    scope = {"type": "http", "method": "POST", "path": "/ok", "query_string": b"a=1&b=2"}
    asyncio.run(watched(scope, receive, send))
    assert [m.get("status") for m in sent] == [204, None]
    with pytest.raises(KeyError):
        asyncio.run(watched({**scope, "path": "/boom"}, receive, send))
    assert watched.monitor.flush(10)
    (failure,) = EventStore(shop).failures()
    assert failure.event["request"] == {"method": "POST", "path": "/boom",
                                        "query_keys": ["a", "b"]}


def test_cancellations_and_interrupts_go_on_and_are_not_failures(shop: Path) -> None:
    import shop_app

    async def receive() -> Any:
        return {"type": "http.disconnect"}

    async def send(message: Any) -> None:
        return None

    watched = ASGIMiddleware(shop_app.asgi, project=shop)

    async def client_goes_away() -> None:
        task = asyncio.create_task(watched({"type": "http", "method": "GET", "path": "/slow",
                                            "query_string": b""}, receive, send))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(client_goes_away())
    for stop in (KeyboardInterrupt(), SystemExit(3), GeneratorExit()):
        def app(environ: Any, start_response: Any, stop: BaseException = stop) -> Any:
            raise stop

        with pytest.raises(BaseException) as raised:
            _call(WSGIMiddleware(app, project=shop), "/")
        assert raised.value is stop
    assert watched.monitor.flush(10)
    assert EventStore(shop).failures() == []
    assert EventStore(shop).traffic(0).errors == 0


def test_a_broken_store_never_reaches_the_application(shop: Path, capsys: Any) -> None:
    (shop / ".homeostasis").write_text("a file where the store's folder should be")
    app = _wsgi(shop)
    with pytest.raises(KeyError):
        _call(app, "/boom", "coupon=NOPE")
    assert _call(app, "/ok") == (["200 OK"], [b"fine"])
    assert not app.monitor.flush(0.2)
    assert "homeostasis.monitor:" in capsys.readouterr().err


def _hold_the_write_lock(root: Path) -> sqlite3.Connection:
    """Another connection in the middle of a write (a backup, a sqlite3 shell, a stuck
    writer of another process)."""
    EventStore(root).register_worker({}, 0)  # the store exists
    holder = sqlite3.connect(root / STORE, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_no_request_waits_for_a_locked_store(shop: Path) -> None:
    app = _wsgi(shop)
    holder = _hold_the_write_lock(shop)
    served = threading.Event()

    def serve() -> None:
        _call(app, "/ok")
        for code in ("NOPE", "GONE", "OLD", "BOGUS"):
            with suppress(KeyError):
                _call(app, "/boom", f"coupon={code}")
        served.set()

    threading.Thread(target=serve, daemon=True).start()
    try:
        # Waiting on a store locked for good, each of these requests would take SQLite's busy
        # timeout (5 s before this monitor) at least: they are served while it is held.
        assert served.wait(15)
        assert holder.in_transaction
        assert not app.monitor.flush(0.2)  # kept in memory meanwhile
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert app.monitor.flush(10)  # and written once the lock is gone
    (failure,) = EventStore(shop).failures()
    assert failure.count == 4 and EventStore(shop).traffic(0) == Traffic(5, 4)


def test_every_failure_of_a_threaded_worker_is_recorded(shop: Path) -> None:
    app = _wsgi(shop)

    def serve() -> None:
        for _ in range(50):
            with suppress(KeyError):
                _call(app, "/boom", "coupon=NOPE")

    threads = [threading.Thread(target=serve) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert app.monitor.flush(10)
    store = EventStore(shop)
    (failure,) = store.failures()
    assert failure.count == 400 == store.occurrences(failure.fingerprint)
    assert store.traffic(0) == Traffic(400, 400)


def test_a_store_that_cannot_keep_up_drops_new_failures_and_counts_them(
        tmp_path: Path, capsys: Any) -> None:
    writer = StoreWriter(EventStore(tmp_path, busy_timeout=0.01), capacity=2)
    holder = _hold_the_write_lock(tmp_path)
    try:
        for fp in ("a", "b", "c", "d", "a"):  # a fingerprint already pending is counted
            writer.record(fp, {}, 0)
        assert writer.dropped == 2
        assert not writer.flush(0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert writer.flush(10)
    assert {f.fingerprint: f.count for f in EventStore(tmp_path).failures()} == {"a": 2, "b": 1}
    assert "dropped" in capsys.readouterr().err


def test_a_repeat_is_counted_under_its_first_event(tmp_path: Path) -> None:
    writer = StoreWriter(EventStore(tmp_path))
    assert not writer.knows("fp")
    writer.record("fp", {"type": "KeyError"}, 0)
    assert writer.knows("fp")
    writer.record("fp", None, 0)  # a repeat: not captured again
    writer.record("fp", None, 1)  # under a new code generation too
    assert writer.flush(10)
    (failure,) = EventStore(tmp_path).failures()
    assert failure.event == {"type": "KeyError"} and failure.count == 3
    assert EventStore(tmp_path).occurrences("fp", generation=1) == 1


def _record_in_child(writer: StoreWriter) -> None:
    writer.record("child", {}, 0)
    sys.exit(0 if writer.flush(10) else 1)


def test_a_forked_worker_writes_though_its_parent_was_writing(tmp_path: Path) -> None:
    """A server forks its workers whenever it likes: a lock one of the parent's threads held
    at that moment stays held for good in the child, unless the child makes its own."""
    writer = StoreWriter(EventStore(tmp_path))
    writer.record("parent", {}, 0)  # in the parent only: the child starts empty
    release, held = threading.Event(), threading.Event()

    def busy_writing() -> None:
        with writer._io, writer.store._lock:
            held.set()
            release.wait(30)

    thread = threading.Thread(target=busy_writing)
    thread.start()
    held.wait(10)
    child = multiprocessing.get_context("fork").Process(target=_record_in_child,
                                                        args=(writer,))
    try:
        child.start()
        child.join(60)
    finally:
        if child.is_alive():  # stuck on a lock it inherited
            child.kill()
            child.join()
        release.set()
        thread.join()
    assert child.exitcode == 0
    assert writer.flush(10)
    assert {f.fingerprint: f.count for f in EventStore(tmp_path).failures()} == {
        "parent": 1, "child": 1}  # the parent's pending failure written once, by the parent


EXITING = """\
import sys
from homeostasis.monitor import WSGIMiddleware
import shop_app

app = WSGIMiddleware(shop_app.application, project=sys.argv[1])
try:
    app({"REQUEST_METHOD": "GET", "PATH_INFO": "/boom", "QUERY_STRING": "coupon=NOPE"},
        lambda *a: None)
except KeyError:
    pass
"""


def test_what_is_pending_is_written_at_exit_with_a_bounded_wait(shop: Path) -> None:
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", EXITING, str(shop)], cwd=shop,
                              env=clean_env(), capture_output=True, text=True, timeout=60,
                              check=False)

    holder = _hold_the_write_lock(shop)
    try:
        locked = run()  # the store stays locked past the process's end
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.returncode == 0 and locked.stderr == ""
    assert EventStore(shop).failures() == []
    done = run()
    assert done.returncode == 0 and done.stderr == ""
    (failure,) = EventStore(shop).failures()
    assert failure.count == 1


LOGGING = """\
import logging, sys

log = logging.getLogger("shop.payments")


def app(environ, start_response):
    log.warning("gateway slow for order %s", 42)
    log.error("payment refused for order %s", 42)
    try:
        {}["order-42"]
    except KeyError:
        log.exception("could not find the order")
    start_response("200 OK", [])
    return [b"ok"]


if sys.argv[1] == "watched":
    from homeostasis.monitor import WSGIMiddleware
    app = WSGIMiddleware(app)
list(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": ""}, lambda *a: None))
"""

FLASK = """\
import logging, sys
logging.getLogger().setLevel(logging.ERROR)
from flask import Flask
from werkzeug.test import Client

app = Flask("orders")


@app.get("/")
def order():
    return {}["order-42"]


application = app
if sys.argv[1] == "watched":
    from homeostasis.monitor import WSGIMiddleware
    application = WSGIMiddleware(app)
print("status", Client(application).get("/").status_code, file=sys.stderr)
"""


@pytest.mark.parametrize("script", [LOGGING, FLASK], ids=["last-resort", "flask"])
def test_watching_an_application_leaves_its_logging_as_it_was(tmp_path: Path,
                                                              script: str) -> None:
    """An application that configured no logging still prints its errors (logging's last
    resort); Flask, with the root logger at ERROR, still adds its handler and prints a 500's
    traceback. And the logged exception is recorded."""
    root = write_files(tmp_path, {"app.py": script, "pyproject.toml": ""})

    def stderr(kind: str) -> str:
        done = subprocess.run([sys.executable, "app.py", kind], cwd=root, env=clean_env(),
                              capture_output=True, text=True, timeout=60, check=True)
        return re.sub(r"(?m)^\[[^]]*\] ", "", done.stderr)  # Flask's time stamps

    plain = stderr("plain")
    assert "KeyError: 'order-42'" in plain and "Traceback" in plain
    assert stderr("watched") == plain
    (failure,) = EventStore(root).failures()
    assert failure.event["type"] == "KeyError"


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


def _record_many(root: str) -> None:
    store = EventStore(Path(root))
    for i in range(25):
        store.record("fp", {"n": i}, generation=0)


def test_a_store_moved_away_is_made_again(tmp_path: Path) -> None:
    store = EventStore(tmp_path)
    store.record("fp", {}, generation=0)
    moved = tmp_path / "moved"
    moved.mkdir()
    for suffix in ("", "-wal", "-shm"):  # as the advice says, all three
        path = tmp_path / f"{STORE}{suffix}"
        if path.exists():
            path.rename(moved / path.name)
    store.record("fp", {}, generation=0)
    (failure,) = EventStore(tmp_path).failures()
    assert failure.count == 1  # a new store, not the one moved away
    with sqlite3.connect(moved / "runtime.sqlite3") as old:
        assert old.execute("SELECT count FROM failures").fetchall() == [(1,)]


OLD_SCHEMA = """
CREATE TABLE failures (fingerprint TEXT PRIMARY KEY, event TEXT NOT NULL,
    first_seen REAL NOT NULL, last_seen REAL NOT NULL, count INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'new', note TEXT NOT NULL DEFAULT '{}');
CREATE TABLE occurrences (fingerprint TEXT NOT NULL, at REAL NOT NULL, pid INTEGER NOT NULL,
    generation INTEGER NOT NULL);
INSERT INTO failures VALUES ('fp', '{}', 1.0, 1.0, 1, 'new', '{}');
INSERT INTO occurrences VALUES ('fp', 1.0, 1, 0);
"""


def test_the_store_has_a_schema_version(tmp_path: Path) -> None:
    (tmp_path / ".homeostasis").mkdir()
    with sqlite3.connect(tmp_path / STORE) as conn:  # a store of the first release
        conn.executescript(OLD_SCHEMA)
    store = EventStore(tmp_path)
    assert store.occurrences("fp") == 1
    store.record("fp", {}, generation=0)
    assert store.occurrences("fp") == 2 and store.failures()[0].count == 2
    store.close()
    with sqlite3.connect(tmp_path / STORE) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        # a service still running the first release's monitor goes on writing to it
        conn.execute("INSERT INTO occurrences VALUES ('fp', 2.0, 1, 0)")
        conn.commit()
        assert EventStore(tmp_path).occurrences("fp") == 3
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(NewerStore, match="newer Homeostasis"):
        EventStore(tmp_path).failures()
    newer = run_cli("watch", tmp_path, "--once")
    assert_clean_error(newer, 1, "newer Homeostasis", "upgrade")


def test_watch_says_how_to_replace_a_broken_store(tmp_path: Path) -> None:
    (tmp_path / ".homeostasis").mkdir()
    (tmp_path / STORE).write_text("not a database, " * 100)
    done = run_cli("watch", tmp_path, "--once")
    assert_clean_error(done, 1, "cannot use the runtime store", "stop the service first",
                       "-wal", "-shm")


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
        assert first.monitor.flush(10) and second.monitor.flush(10)
    finally:
        first.handler.close()
        second.handler.close()
    assert [(f.event["message"], f.count) for f in EventStore(tmp_path / "first").failures()
            ] == [("'/one'", 1)]
    assert [(f.event["message"], f.count) for f in EventStore(tmp_path / "second").failures()
            ] == [("'/two'", 2)]
