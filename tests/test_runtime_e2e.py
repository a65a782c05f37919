"""Runtime healing end to end: a real server (gunicorn with two workers, uvicorn with two)
runs the shop example wrapped in homeostasis.monitor; requests hit its latent bug; ``homeostasis
watch --once --yes`` repairs it and hot-swaps the fix into the running workers; ``homeostasis
undo`` swaps the old code back; a bad deploy is rolled back by the health check; and no secret
sent in a request — even one handed to the project's own functions — is kept anywhere under
``.homeostasis/``."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from github_standin import TOKEN as GITHUB_TOKEN
from github_standin import GitHubStandIn, github_api_fixture  # noqa: F401
from helpers import assert_clean_error, clean_env, copy_example, edit_reply, run_cli
from homeostasis.tools.observe.runtime.store import EventStore
from service_support import request, serving, wait_recorded

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

BUG = "/price/apple?coupon=BOGUS"
TOKEN = "Bearer sk-live-9f8e7d6c5b4a39281706f5e4"
CARD = "4111 1111 1111 1111"


def _hit_the_bug(port: int, root: Path) -> None:
    for _ in range(3):
        assert request(port, BUG)[0] == 500
    status, _ = request(port, "/checkout", {"card": CARD, "item": "pear", "coupon": "NOPE"},
                        {"Authorization": TOKEN})
    assert status == 500
    wait_recorded(root, 2)



@contextmanager
def _traffic(port: int, path: str = "/catalog") -> Iterator[list[int]]:
    """Requests to ``path`` every 50 ms while the block runs (a worker takes a new generation
    at its next request, and a verdict needs requests served); the statuses answered."""
    stop = threading.Event()
    seen: list[int] = []

    def send() -> None:
        while not stop.wait(0.05):
            seen.append(request(port, path)[0])

    thread = threading.Thread(target=send)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join()


def _served_by(port: int, path: str, times: int = 8) -> set[tuple[int, str]]:
    """What ``path`` answers over several requests (they spread over both workers)."""
    return {request(port, path) for _ in range(times)}


def _assert_no_secret(root: Path, *secrets: str) -> None:
    needles = [TOKEN.split()[1], CARD, CARD.replace(" ", ""), "1111 1111 1111", *secrets]
    files = [p for p in (root / ".homeostasis").rglob("*") if p.is_file()]
    assert any(p.name == "runtime.sqlite3" for p in files)
    for path in files:
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # SQLite's -wal/-shm, gone when the last connection closed
            continue
        for needle in needles:
            assert needle.encode() not in data, (needle, path)


PASSWORD = "hunter2-correct-horse"
API_KEY = "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"
COOKIE = "session=s3ss10nV4lue0fAlice"

# A login the copied shop gets: the project's own code is handed the credentials and the
# request's headers (under a name that says nothing), and fails.
LOGIN = """

def login(user, password, api_key, context):
    raise PermissionError(f"login refused for {user} with key {api_key}")
"""
LOGIN_ROUTES = {
    "gunicorn": ("shop/app.py", LOGIN + """

@app.post("/login")
def login_view():
    form = request.get_json()
    return login(form["user"], form["password"], form["api_key"], dict(request.headers))
"""),
    # With the project's own pure-ASGI middleware, which every request's scope goes through.
    "uvicorn": ("shop/asgi.py", LOGIN + """

async def login_view(request):
    form = await request.json()
    return JSONResponse(login(form["user"], form["password"], form["api_key"],
                              dict(request.headers)))


class Tenants:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        return await self.app(scope, receive, send)


app.add_route("/login", login_view, methods=["POST"])
application = ASGIMiddleware(Tenants(app), project=Path(__file__).resolve().parents[1])
"""),
}


@pytest.mark.parametrize("server", ["gunicorn", "uvicorn"])
def test_secrets_handed_to_the_projects_code_are_not_kept(tmp_path: Path, server: str) -> None:
    root = copy_example("shop", tmp_path)
    module, code = LOGIN_ROUTES[server]
    with (root / module).open("a", encoding="utf-8") as fh:
        fh.write(code)
    with serving(root, server) as (_, port):
        status, _ = request(port, "/login", {"user": "bob", "password": PASSWORD,
                                             "api_key": API_KEY},
                            {"Authorization": TOKEN, "Cookie": COOKIE})
        assert status == 500
        deadline = time.monotonic() + 30
        while not (failures := EventStore(root).failures()):
            assert time.monotonic() < deadline
            time.sleep(0.1)
    (failure,) = failures
    calls = {c["function"]: c["arguments"] for c in failure.event["calls"]}
    # The secrets did pass through the project's frames' arguments ...
    assert set(calls["login"]) == {"user", "password", "api_key", "context"}
    assert calls["login"]["context"]["repr"].startswith("<request-like dict")
    if server == "uvicorn":
        assert calls["__call__"]["scope"]["repr"].startswith("<request-like dict")
    assert "[REDACTED]" in failure.event["message"]
    # ... and none of them is anywhere under .homeostasis/
    _assert_no_secret(root, PASSWORD, API_KEY, COOKIE)


@pytest.mark.parametrize("server", ["gunicorn", "uvicorn"])
def test_a_crashing_service_is_repaired_hot_swapped_and_undone(tmp_path: Path, server: str
                                                               ) -> None:
    root = copy_example("shop", tmp_path)
    with serving(root, server) as (proc, port):
        master = proc.pid
        _hit_the_bug(port, root)

        with _traffic(port):
            done = run_cli("watch", root, "--once", "--yes", "--health-window", "2",
                           timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "hot-swapped as generation 1" in done.stdout
        assert "generation 1 is live in 2 worker(s)" in done.stdout
        assert "healthy:" in done.stdout

        answers = _served_by(port, BUG)
        assert {status for status, _ in answers} == {200}
        assert {json.loads(body)["price"] for _, body in answers} == {"1.20"}  # nothing off
        assert {status for status, _ in _served_by(port, "/price/melon?coupon=VIP25")} == {200}
        assert proc.poll() is None and proc.pid == master
        workers = EventStore(root).workers()
        assert len(workers) >= 2 and {info["ppid"] for _, info, _ in workers} == {master}
        # the coupon's failure is repaired; the checkout's, the same fault reached another
        # way, passes on the repaired code
        states = [f.state for f in EventStore(root).failures()]
        assert states == ["repaired", "not_reproduced"], states

        undone = run_cli("undo", root)
        assert undone.returncode == 0, undone.stderr
        assert "old code back" in undone.stdout
        assert {status for status, _ in _served_by(port, BUG)} == {500}
        assert proc.poll() is None
    _assert_no_secret(root)


def test_a_bad_deploy_is_rolled_back_by_the_health_check(tmp_path: Path) -> None:
    root = copy_example("shop", tmp_path)
    pricing, app = (root / "shop" / "pricing.py").read_bytes(), (root / "shop" / "app.py"
                                                                 ).read_bytes()
    # A "fix" that passes every test but breaks the untested catalog page.
    line = "    return price - price * COUPONS[code] // 100\n"
    page = "    return {name: format_price(cents) for name, cents in CATALOG.items()}\n"
    reply = edit_reply("shop/pricing.py", line, line.replace("[code]", ".get(code, 0)")
                       ) + edit_reply("shop/app.py", page, page.replace(".items()", ""))
    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps([reply]))
    env = {"HOMEOSTASIS_MODEL": f"mock:{replies}", "HOMEOSTASIS_CASCADE": "false",
           "HOMEOSTASIS_ROUNDS": "1", "HOMEOSTASIS_SAMPLES": "1", "HOMEOSTASIS_CANDIDATES": "1"}
    with serving(root, "gunicorn") as (proc, port):
        _hit_the_bug(port, root)
        with _traffic(port) as seen:
            done = run_cli("watch", root, "--once", "--yes", "--health-window", "3", env=env,
                           timeout=300)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "unhealthy: the error rate rose" in done.stdout
        assert "rolled back" in done.stdout
        assert 500 in seen  # the bad code did run in the service before it was rolled back
        assert (root / "shop" / "pricing.py").read_bytes() == pricing
        assert (root / "shop" / "app.py").read_bytes() == app
        assert {status for status, _ in _served_by(port, "/catalog")} == {200}
        assert {status for status, _ in _served_by(port, BUG)} == {500}
        assert proc.poll() is None
    rolled = [f for f in EventStore(root).failures() if f.state == "rolled_back"]
    assert rolled and "error rate rose" in rolled[0].note["why"]
    run = root / ".homeostasis" / "runs" / rolled[0].note["run_id"]
    assert json.loads((run / "rollback.json").read_text())["files"] == ["shop/app.py",
                                                                      "shop/pricing.py"]
    assert "unhealthy: the error rate rose" in (run / "report.md").read_text()


def test_report_policy_repairs_in_the_records_only(tmp_path: Path) -> None:
    root = copy_example("shop", tmp_path)
    assert run_cli("watch", root, "--once").stdout.startswith("No runtime failures recorded")
    before = (root / "shop" / "pricing.py").read_bytes()
    crash = ("from shop.app import application\n"
             "from werkzeug.test import Client\n"
             "assert Client(application).get('/price/pear?coupon=X').status_code == 500\n")
    done = subprocess.run([sys.executable, "-c", crash], cwd=root, env=clean_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    watched = run_cli("watch", root, "--once", "--policy", "report", timeout=300)
    assert watched.returncode == 1, watched.stdout + watched.stderr
    assert "was not applied" in watched.stdout
    assert (root / "shop" / "pricing.py").read_bytes() == before
    (failure,) = EventStore(root).failures()
    assert failure.state == "declined"
    run = root / ".homeostasis" / "runs" / failure.note["run_id"]
    assert "COUPONS.get(code, 0)" in (run / "winner.diff").read_text()
    assert (run / "reproduction.py").read_text().count("def test_runtime_") == 1
    assert json.loads((run / "runtime-event.json").read_text())["count"] == 1
    report = (run / "report.md").read_text()
    assert "## Runtime failure" in report and "was not applied" in report


@pytest.mark.parametrize("server", ["gunicorn", "uvicorn"])
def test_a_fix_beyond_function_bodies_reloads_the_workers_gracefully(tmp_path: Path,
                                                                     server: str) -> None:
    root = copy_example("shop", tmp_path)
    line = "    return price - price * COUPONS[code] // 100\n"
    helper = ("    return price - price * _percent(code) // 100\n\n\n"
              "def _percent(code):\n    return COUPONS.get(code, 0)\n")
    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps([edit_reply("shop/pricing.py", line, helper)]))
    env = {"HOMEOSTASIS_MODEL": f"mock:{replies}", "HOMEOSTASIS_CASCADE": "false",
           "HOMEOSTASIS_ROUNDS": "1", "HOMEOSTASIS_SAMPLES": "1", "HOMEOSTASIS_CANDIDATES": "1"}
    with serving(root, server) as (proc, port):
        assert request(port, BUG)[0] == 500
        wait_recorded(root, 1)
        before = {pid for pid, _, _ in EventStore(root).workers()}
        with _traffic(port):
            done = run_cli("watch", root, "--once", "--yes", "--health-window", "4", env=env,
                           timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert f"the server's workers reloaded (SIGHUP to [{proc.pid}])" in done.stdout
        assert "healthy:" in done.stdout
        assert [f.state for f in EventStore(root).failures()] == ["repaired"]
        answers = _served_by(port, BUG)
        assert {json.loads(body)["price"] for _, body in answers} == {"1.20"}
        assert proc.poll() is None  # the same master
        serving_now = {pid for pid, info, gen in EventStore(root).workers() if gen == 1}
        assert serving_now and not serving_now & before  # new workers, on the new code


def test_a_worker_that_cannot_swap_the_fix_in_has_the_server_reload_it(tmp_path: Path
                                                                       ) -> None:
    root = copy_example("shop", tmp_path)
    pricing = root / "shop" / "pricing.py"
    with serving(root, "gunicorn") as (proc, port):
        assert request(port, BUG)[0] == 500
        wait_recorded(root, 1)
        # The file moves on after the workers loaded it (a pull without a restart): what they
        # run is no longer the code the fix is made against, so they must not swap it.
        pricing.write_text("# checked out after the service started\n" + pricing.read_text())
        with _traffic(port):
            done = run_cli("watch", root, "--once", "--yes", "--health-window", "2",
                           timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "cannot swap generation 1 in" in done.stdout
        assert "the file changed on disk since the service started" in done.stdout
        assert f"reloading the server's workers (SIGHUP to [{proc.pid}])" in done.stdout
        assert "healthy:" in done.stdout
        assert {json.loads(body)["price"] for _, body in _served_by(port, BUG)} == {"1.20"}
        assert proc.poll() is None  # the same master
    assert [f.state for f in EventStore(root).failures()] == ["repaired"]


def test_without_once_it_keeps_watching(tmp_path: Path) -> None:
    root = copy_example("shop", tmp_path)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "homeostasis.cli", "watch", str(root), "--policy", "report",
         "--interval", "0.5"], env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, text=True)
    try:
        time.sleep(1.5)  # started, and found nothing yet
        assert watcher.poll() is None
        crash = ("from shop.app import application\nfrom werkzeug.test import Client\n"
                 "Client(application).get('/price/pear?coupon=X')\n")
        subprocess.run([sys.executable, "-c", crash], cwd=root, env=clean_env(),
                       capture_output=True, timeout=60, check=True)
        deadline = time.monotonic() + 240
        while not [f for f in EventStore(root).failures() if f.state == "declined"]:
            assert time.monotonic() < deadline and watcher.poll() is None
            time.sleep(0.5)
    finally:
        watcher.terminate()
        out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 143 and "stopped by SIGTERM" in err, (out, err)
    assert "KeyError: 'X'" in out


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=Alice", "-c", "user.email=alice@example.com",
                           *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_pr_policy_pushes_a_branch_and_opens_a_draft_pull_request(
        tmp_path: Path, github_api: GitHubStandIn) -> None:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    root = copy_example("shop", tmp_path)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "remote", "add", "origin", str(origin))
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "the shop")
    _git(root, "push", "-q", "origin", "main")
    head = _git(root, "rev-parse", "HEAD")
    crash = ("from shop.app import application\nfrom werkzeug.test import Client\n"
             "Client(application).get('/price/pear?coupon=X')\n")
    subprocess.run([sys.executable, "-c", crash], cwd=root, env=clean_env(), check=True,
                   capture_output=True, timeout=60)
    env = {"GITHUB_TOKEN": GITHUB_TOKEN, "GITHUB_REPOSITORY": "octo/shop",
           "GITHUB_API_URL": github_api.url, "GIT_CONFIG_NOSYSTEM": "1"}
    done = run_cli("watch", root, "--once", "--policy", "pr", env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    (failure,) = EventStore(root).failures()
    refs = _git(origin, "show-ref")
    pushed = next(line.split()[0] for line in refs.splitlines() if "refs/heads/homeostasis/"
                  in line)
    assert _git(origin, "rev-parse", f"{pushed}^") == head
    assert "COUPONS.get(code, 0)" in _git(origin, "show", f"{pushed}:shop/pricing.py")
    (pull,) = github_api.open_pulls("octo/shop")
    assert pull["draft"] and pull["base"]["ref"] == "main"
    assert pull["head"]["ref"] == f"homeostasis/{failure.fingerprint}"
    assert failure.state == "proposed" and failure.note["pr_url"] == pull["html_url"]
    assert _git(root, "status", "--porcelain") == ""  # nothing of the user's changed
    assert _git(root, "rev-parse", "HEAD") == head


def test_a_store_that_is_not_sqlite_is_one_line(tmp_path: Path) -> None:
    root = copy_example("shop", tmp_path)
    (root / ".homeostasis").mkdir()
    (root / ".homeostasis" / "runtime.sqlite3").write_text("not a database, " * 100)
    done = run_cli("watch", root, "--once")
    assert_clean_error(done, 1, "cannot use the runtime store", "runtime.sqlite3")
