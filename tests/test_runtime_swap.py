"""Code generations and swapping them into a running process: what is swapped (and what cannot
be, so the worker asks for a reload), generations that are unique and cumulative, the
generation a failure is labelled with, and which server master a reload may signal."""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from helpers import clean_env, copy_example, write_files
from homeostasis.monitor import WSGIMiddleware
from homeostasis.tools.deploy.health import check_health
from homeostasis.tools.deploy.servers import holds, reload_servers, reloads_on_hup
from homeostasis.tools.observe.runtime.generation import (
    adopt,
    publish,
    read_generation,
    read_record,
)
from homeostasis.tools.observe.runtime.monitor import CaptureHandler
from homeostasis.tools.observe.runtime.store import EventStore
from service_support import BIN, free_port, request, wait_serving


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A project folder on ``sys.path``; its modules and the monitors' log handlers are gone
    after the test."""
    root = tmp_path / "proj"
    root.mkdir()
    before = set(sys.modules)
    handlers = list(logging.getLogger().handlers)
    sys.path.insert(0, str(root))
    yield root
    sys.path.remove(str(root))
    for name in set(sys.modules) - before:
        sys.modules.pop(name, None)
    for handler in logging.getLogger().handlers:
        if isinstance(handler, CaptureHandler) and handler not in handlers:
            logging.getLogger().removeHandler(handler)


def _deploy(root: Path, rel: str, new: str, mode: str = "swap", run_id: str = "r") -> int:
    """Write ``new`` over ``rel`` and publish it, as the hot-swap deployer does."""
    path = root / rel
    old = path.read_text()
    path.write_text(new)
    return publish(root, {rel: (old, new)}, mode, run_id, "deploy").number


def _load(root: Path, files: dict[str, str], name: str) -> ModuleType:
    write_files(root, files)
    return importlib.import_module(name)


def test_swapping_replaces_the_code_of_the_loaded_functions(project: Path) -> None:
    module = _load(project, {"swapme.py": (
        "import functools\n\n\n"
        "def deco(fn):\n"
        "    @functools.wraps(fn)\n"
        "    def inner(*a):\n"
        "        return fn(*a)\n"
        "    return inner\n\n\n"
        "@deco\n"
        "def answer(x):\n"
        "    return x + 1\n\n\n"
        "class Box:\n"
        "    def size(self):\n"
        "        return 1\n")}, "swapme")
    answer, box = module.answer, module.Box()
    text = (project / "swapme.py").read_text()
    number = _deploy(project, "swapme.py", text.replace("x + 1", "x + 2").replace(
        "return 1", "return 5"))
    assert read_generation(project).changed == {"swapme.py": ("Box.size", "answer")}  # type: ignore[union-attr]
    report = adopt(project, 0, number)
    assert report["swapped"] == ["swapme.Box.size", "swapme.answer"]
    assert (report["generation"], report["needs_reload"]) == (1, 0)
    assert answer(1) == 3 and box.size() == 5  # the same objects, new code
    assert module.answer is answer


SVC = (
    "import functools\n"
    "from flask import Flask\n\n\n"
    "def create_app():\n"
    "    app = Flask(__name__)\n\n"
    "    @app.get('/price')\n"
    "    def price():\n"
    "        return {'v': 1 // 0}\n"
    "    return app\n\n\n"
    "class Cart:\n"
    "    @property\n"
    "    def total(self):\n"
    "        return 1 // 0\n\n\n"
    "@functools.lru_cache(maxsize=None)\n"
    "def rate(code):\n"
    "    return -1\n\n\n"
    "def retry(fn):  # a decorator without functools.wraps\n"
    "    def wrapper(*a, **k):\n"
    "        return fn(*a, **k)\n"
    "    return wrapper\n\n\n"
    "@retry\n"
    "def charge(n):\n"
    "    return 1 // 0\n\n\n"
    "class Base:\n"
    "    def go(self):\n"
    "        return 1\n\n\n"
    "class Svc(Base):\n"
    "    def go(self):\n"
    "        return 1 // 0\n\n\n"
    "application = create_app()\n")
FIXED = (SVC.replace("{'v': 1 // 0}", "{'v': 1}").replace("return -1", "return 1")
         .replace("return 1 // 0\n\n\n@", "return 1\n\n\n@")
         .replace("    @property\n    def total(self):\n        return 1 // 0",
                  "    @property\n    def total(self):\n        return 1")
         .replace("def charge(n):\n    return 1 // 0", "def charge(n):\n    return n"))


def test_a_swap_reaches_properties_caches_plain_wrappers_and_app_factory_views(
        project: Path) -> None:
    svc = _load(project, {"svc.py": SVC}, "svc")
    assert svc.rate("x") == -1  # cached: the fix must not leave the old answer in the cache
    client = svc.application.test_client()
    assert client.get("/price").status_code == 500
    number = _deploy(project, "svc.py", FIXED)
    report = adopt(project, 0, number)
    assert report["needs_reload"] == 0, report
    assert client.get("/price").status_code == 200  # the view the factory registered
    assert svc.Cart().total == 1
    assert svc.rate("x") == 1
    assert svc.charge(7) == 7
    assert "svc.create_app.<locals>.price" in report["swapped"]


def test_a_generation_that_cannot_be_swapped_whole_is_not_swapped_at_all(project: Path
                                                                          ) -> None:
    svc = _load(project, {"svc.py": SVC}, "svc")
    # Svc.go now calls super(): a new free variable (__class__) a running function cannot take
    number = _deploy(project, "svc.py", FIXED.replace(
        "class Svc(Base):\n    def go(self):\n        return 1 // 0",
        "class Svc(Base):\n    def go(self):\n        return super().go()"))
    report = adopt(project, 0, number)
    assert (report["generation"], report["needs_reload"], report["swapped"]) == (0, number, [])
    assert any("Svc.go" in why and "closure" in why for why in report["why"]), report
    with pytest.raises(ZeroDivisionError):
        _ = svc.Cart().total  # all or nothing: the swappable ones were not swapped either


def test_a_function_whose_running_code_is_not_the_deploys_before_is_not_swapped(
        project: Path) -> None:
    pricing = _load(project, {"pricing.py": (
        "def total(x):\n    return x * 2\n\n\n"
        "def price(code):\n    return {'A': 1}[code]\n")}, "pricing")
    # The file moved on after the service started (a pull without a restart): a helper, and
    # total() calls it. A body-only fix of price() is deployed against that file.
    drifted = ("def _round(x):\n    return round(x)\n\n\n"
               "def total(x):\n    return _round(x * 2)\n\n\n"
               "def price(code):\n    return {'A': 1}[code]\n")
    (project / "pricing.py").write_text(drifted)
    number = _deploy(project, "pricing.py", drifted.replace("[code]", ".get(code, 0)"))
    report = adopt(project, 0, number)
    assert report["needs_reload"] == number and report["swapped"] == [], report
    assert "the file changed on disk" in report["why"][0]
    assert pricing.total(3) == 6  # not swapped into code that calls a missing helper


def _publish_from(root: str, files: list[str], barrier: Any, out: Any) -> None:
    barrier.wait()
    out.put(publish(Path(root), {f: ("", "") for f in files}, "swap", "r", "deploy").number)


def test_concurrent_deploys_never_publish_the_same_generation(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_ in range(10):
        root = tmp_path / str(round_)
        root.mkdir()
        barrier, out = context.Barrier(6), context.Queue()
        procs = [context.Process(target=_publish_from, args=(str(root), [f"{i}.py"], barrier,
                                                              out)) for i in range(6)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(30)
        numbers = sorted(out.get(timeout=10) for _ in procs)
        assert numbers == [1, 2, 3, 4, 5, 6]
        records = [read_record(root, n) for n in numbers]
        assert sorted(r.files[0] for r in records if r) == [f"{i}.py" for i in range(6)]
    threads_root = tmp_path / "threads"
    got: list[int] = []
    workers = [threading.Thread(target=lambda: got.append(publish(
        threads_root, {"a.py": ("", "")}, "swap", "r", "deploy").number)) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(got) == list(range(1, 9))


def _environ(path: str = "/") -> dict[str, Any]:
    return {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": ""}


def test_a_worker_that_missed_generations_takes_them_all(project: Path) -> None:
    write_files(project, {"mod_a.py": "def fa():\n    return 'bug a'\n",
                          "mod_b.py": "def fb():\n    return 'bug b'\n"})
    import mod_a  # type: ignore[import-not-found]
    import mod_b  # type: ignore[import-not-found]

    def app(environ: dict[str, Any], start: Any) -> list[bytes]:
        start("200 OK", [])
        return [f"{mod_a.fa()} {mod_b.fb()}".encode()]

    served = WSGIMiddleware(app, project=project)
    assert served(_environ(), lambda *a: None) == [b"bug a bug b"]
    # two deploys while the worker is idle: failure A fixed, then failure B
    _deploy(project, "mod_a.py", "def fa():\n    return 'fixed a'\n", run_id="a")
    _deploy(project, "mod_b.py", "def fb():\n    return 'fixed b'\n", run_id="b")
    assert served(_environ(), lambda *a: None) == [b"fixed a fixed b"]
    assert served.monitor.generation == 2
    assert served.monitor.flush(10)  # the writer thread has written the worker's row
    ((_, info, generation),) = EventStore(project).workers()
    assert generation == 2 and info["swap"]["swapped"] == ["mod_a.fa", "mod_b.fb"]


SLOW = ("import threading\n"
        "ENTERED, GO_ON = threading.Event(), threading.Event()\n\n\n"
        "def handle(path):\n"
        "    if path == '/slow':\n"
        "        ENTERED.set()\n"
        "        GO_ON.wait(30)\n"
        "        return {}['missing']\n"
        "    return 'ok'\n")


def _slow_service(project: Path) -> tuple[WSGIMiddleware, ModuleType]:
    slow = _load(project, {"slow.py": SLOW}, "slow")

    def app(environ: dict[str, Any], start: Any) -> list[bytes]:
        body = slow.handle(environ["PATH_INFO"])
        start("200 OK", [])
        return [body.encode()]

    return WSGIMiddleware(app, project=project), slow


def test_a_failure_is_labelled_with_the_generation_its_request_started_on(project: Path
                                                                          ) -> None:
    served, slow = _slow_service(project)
    served(_environ(), lambda *a: None)
    failed: list[BaseException] = []

    def in_flight() -> None:
        try:
            served(_environ("/slow"), lambda *a: None)
        except KeyError as exc:
            failed.append(exc)

    thread = threading.Thread(target=in_flight)
    thread.start()
    assert slow.ENTERED.wait(10)  # a request is inside the old code
    deployed_at = time.time()
    number = _deploy(project, "slow.py", SLOW.replace("{}['missing']", "{}.get('missing', 'ok')"))
    served(_environ(), lambda *a: None)  # another request swaps the fix in
    assert served.monitor.generation == number
    slow.GO_ON.set()
    thread.join(10)
    assert failed  # the old code raised, after the swap
    assert served.monitor.flush(10)  # the writer thread has stored it
    store = EventStore(project)
    (failure,) = store.failures()
    assert store.occurrences(failure.fingerprint, generation=number) == 0
    assert store.occurrences(failure.fingerprint) == 1
    now = [deployed_at + 60.0]
    health = check_health(store, failure.fingerprint, number, deployed_at, 1.0,
                          clock=lambda: now[0], sleep=lambda s: None)
    assert "recurred" not in health.reason


def test_a_reload_generation_is_never_taken_in_process(project: Path) -> None:
    served, slow = _slow_service(project)
    served(_environ(), lambda *a: None)
    number = _deploy(project, "slow.py", SLOW + "\nEXTRA = 1\n", mode="reload")
    slow.GO_ON.set()
    with pytest.raises(KeyError):
        served(_environ("/slow"), lambda *a: None)  # still the old code
    assert served.monitor.generation == 0
    assert served.monitor.flush(10)  # the writer thread has written what it saw
    store = EventStore(project)
    assert store.occurrences(generation=number) == 0 and store.occurrences() == 1
    ((_, info, generation),) = store.workers()
    assert generation == 0 and info["needs_reload"] == number
    assert "must reload its workers" in info["swap"]["why"][0]


@pytest.mark.parametrize("argv, reloads", [
    (["/v/bin/python", "/v/bin/gunicorn", "--workers", "2", "app:application"], True),
    (["/usr/bin/gunicorn", "-w", "2", "app:application"], True),
    (["python3", "-m", "gunicorn", "app:application"], True),
    (["gunicorn: master [app:application]"], True),
    (["/v/bin/python", "/v/bin/uvicorn", "--workers", "2", "app:app"], True),
    (["uvicorn", "--workers=4", "app:app"], True),
    (["/v/bin/python", "/v/bin/uvicorn", "--reload", "app:app"], False),
    (["uvicorn", "--workers", "2", "--reload", "app:app"], False),
    (["uvicorn", "app:app"], False),  # one process: no master
    (["uvicorn", "--workers", "1", "app:app"], False),
    (["sh", "-c", "sleep 30; : gunicorn"], False),
    (["/usr/bin/python3", "/usr/bin/supervisord", "-c", "gunicorn.conf"], False),
    (["bash", "run-uvicorn.sh", "--workers", "2"], False),
])
def test_only_a_server_master_that_reloads_on_sighup_is_signalled(argv: list[str],
                                                                   reloads: bool) -> None:
    assert reloads_on_hup(argv) is reloads


def _register(store: EventStore, pid: int, ppid: int, server: str) -> None:
    with sqlite3.connect(store.path) as conn:
        conn.execute("INSERT OR REPLACE INTO workers (pid, info, generation, at) "
                     "VALUES (?, ?, 0, ?)",
                     (pid, f'{{"ppid": {ppid}, "server": "{server}"}}', time.time()))


def _children(pid: int, deadline: float = 10) -> list[int]:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()
                 and _parent_of(int(p.name)) == pid]
        if found:
            return found
        time.sleep(0.05)
    return []


def _parent_of(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError):
        return 0


def test_a_shell_whose_command_line_names_gunicorn_is_not_signalled(tmp_path: Path) -> None:
    # A worker that is alive, holds the project's store open and is the child of a process
    # whose command line contains "gunicorn" (a shell running it): as a real one looks to a
    # substring match.
    store = EventStore(tmp_path)
    store.workers()  # the store exists
    holder = (f"import sqlite3, time; c = sqlite3.connect({str(store.path)!r}); "
              "c.execute('SELECT 1'); time.sleep(30)")
    master = subprocess.Popen(["sh", "-c", f'{sys.executable} -c "{holder}"; : gunicorn'])
    children: list[int] = []
    try:
        children = _children(master.pid)
        (child,) = children
        _register(store, child, master.pid, "gunicorn")
        deadline = time.monotonic() + 10
        while not holds(child, store.path):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert reload_servers(tmp_path) == {}
        assert master.poll() is None  # no SIGHUP reached it
    finally:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        master.kill()
        master.wait()


@pytest.mark.slow
def test_a_uvicorn_reloader_is_never_sent_sighup(tmp_path: Path) -> None:
    root = copy_example("shop", tmp_path)
    port = free_port()
    log = (tmp_path / "uvicorn.log").open("wb")
    proc = subprocess.Popen([str(BIN / "uvicorn"), "--reload", "--host", "127.0.0.1", "--port",
                             str(port), "shop.asgi:application"], cwd=root, env=clean_env(),
                            stdout=log, stderr=log, stdin=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        wait_serving(proc, port, "/catalog", tmp_path / "uvicorn.log")
        deadline = time.monotonic() + 30
        while not workers:  # the worker's row is written by its monitor's writer thread
            assert time.monotonic() < deadline
            time.sleep(0.1)
            workers = [pid for pid, _, _ in EventStore(root).workers()]
        (worker,) = workers
        assert _parent_of(worker) == proc.pid  # the reloader is the worker's parent
        assert reload_servers(root) == {}
        time.sleep(0.5)
        assert proc.poll() is None and request(port, "/catalog")[0] == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for worker in workers:  # orphaned when a SIGHUP killed its reloader
            if _parent_of(worker) in (1, proc.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker, signal.SIGKILL)
        log.close()
