"""A local stand-in for the GitHub REST API, so the real client runs over real HTTP in tests.

:class:`GitHubStandIn` listens on 127.0.0.1 (a free port), under an optional path prefix
(``/api/v3``, as GitHub Enterprise Server serves it), and answers the pull-request endpoints
Homeostasis uses with GitHub's wire format:

    GET   /repos/{owner}/{repo}/pulls?head=OWNER:BRANCH&state=open
    POST  /repos/{owner}/{repo}/pulls                      201, or 422 when one is open already
    GET   /repos/{owner}/{repo}/pulls/{number}
    PATCH /repos/{owner}/{repo}/pulls/{number}
    POST  /repos/{owner}/{repo}/issues/{number}/comments   201

It keeps the pull requests and comments in memory, asks for ``Authorization: Bearer <token>``
as GitHub does (401 "Bad credentials" otherwise), records every request it receives
(:attr:`GitHubStandIn.requests`), and can be told to answer the next requests with a failure
(:meth:`GitHubStandIn.fail_next`): a 502, a secondary rate limit, a 403 of missing
permissions; every request, or only those of one method (the POST that opens a pull
request). The ``github_api`` fixture gives a test a running one; a test file gets it with
``from github_standin import github_api_fixture`` (or every file, once conftest.py lists this
module in ``pytest_plugins``).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

#: A token shaped like the one GitHub Actions hands a workflow.
TOKEN = "ghs_" + "Tk3nF0rT3st5" * 3

DOCS = "https://docs.github.com/rest"

_PULLS = re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/pulls$")
_PULL = re.compile(r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/pulls/(?P<number>\d+)$")
_COMMENTS = re.compile(
    r"^/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)/issues/(?P<number>\d+)/comments$")

_ids = itertools.count(1000)


@dataclass(frozen=True)
class Recorded:
    """One request as the stand-in saw it: ``path`` without the query (prefix included),
    ``query`` parsed, header names lower-case, ``body`` the decoded JSON (None if none)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    raw: bytes


@dataclass(frozen=True)
class Answer:
    """A response: a ``body`` that is not a string is sent as JSON."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def error_body(message: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """GitHub's error shape: ``{"message", "documentation_url"[, "errors"]}``."""
    body: dict[str, Any] = {"message": message, "documentation_url": DOCS}
    if errors is not None:
        body["errors"] = errors
    return body


class GitHubStandIn:
    """The stand-in server (see the module docstring). :attr:`url` is the API base URL a
    client is given; :attr:`pulls` holds every pull request by ``(owner/repo, number)`` in
    GitHub's JSON shape, :attr:`comments` every comment. Use as a context manager, or
    :meth:`start` and :meth:`stop`."""

    def __init__(self, token: str = TOKEN, prefix: str = "") -> None:
        self.token = token
        self.prefix = prefix.rstrip("/")
        self.requests: list[Recorded] = []
        self.pulls: dict[tuple[str, int], dict[str, Any]] = {}
        self.comments: list[dict[str, Any]] = []
        self._failures: deque[tuple[str | None, Answer]] = deque()
        self._numbers: dict[str, itertools.count[int]] = {}
        self._lock = threading.Lock()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.standin = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self.port = self._httpd.server_address[1]
        self.web_url = f"http://127.0.0.1:{self.port}"
        self.url = self.web_url + self.prefix

    # ── what a test controls and reads ──

    def fail_next(self, status: int, body: Any = None, headers: dict[str, str] | None = None,
                  times: int = 1, method: str | None = None) -> None:
        """Answer the next ``times`` requests (after failures already queued; only those of
        ``method`` when given) with ``status`` and ``body`` (GitHub's error shape saying so
        when None) and ``headers``."""
        answer = Answer(status, body if body is not None else error_body(f"HTTP {status}"),
                        headers or {})
        with self._lock:
            self._failures.extend([(method, answer)] * times)

    def open_pulls(self, repo: str) -> list[dict[str, Any]]:
        """The open pull requests of ``repo`` (``owner/name``), oldest first."""
        return [pr for (where, _), pr in sorted(self.pulls.items())
                if where == repo and pr["state"] == "open"]

    def start(self) -> GitHubStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: a connection attempt after this is refused."""
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> GitHubStandIn:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # ── the API ──

    def answer(self, request: Recorded) -> Answer:
        with self._lock:
            self.requests.append(request)
            failure = next((f for f in self._failures
                            if f[0] is None or f[0] == request.method), None)
            if failure is not None:
                self._failures.remove(failure)
                return failure[1]
            if request.headers.get("authorization") != f"Bearer {self.token}":
                return Answer(401, error_body("Bad credentials"))
            path = request.path
            if not path.startswith(self.prefix + "/"):
                return Answer(404, error_body("Not Found"))
            return self._route(request, path[len(self.prefix):])

    def _route(self, request: Recorded, path: str) -> Answer:
        method = request.method
        if (m := _PULLS.match(path)) and method == "GET":
            return self._list(f"{m['owner']}/{m['repo']}", request.query)
        if m and method == "POST":
            return self._create(f"{m['owner']}/{m['repo']}", m["owner"], request.body)
        if (m := _PULL.match(path)) and method in ("GET", "PATCH"):
            pr = self.pulls.get((f"{m['owner']}/{m['repo']}", int(m["number"])))
            if pr is None:
                return Answer(404, error_body("Not Found"))
            if method == "PATCH":
                body = request.body if isinstance(request.body, dict) else {}
                pr.update({k: v for k, v in body.items() if k in ("title", "body", "state")})
            return Answer(200, pr)
        if (m := _COMMENTS.match(path)) and method == "POST":
            return self._comment(f"{m['owner']}/{m['repo']}", int(m["number"]), request.body)
        return Answer(404, error_body("Not Found"))

    def _list(self, repo: str, query: dict[str, list[str]]) -> Answer:
        state = query.get("state", ["open"])[0]
        head = query.get("head", [None])[0]
        found = [pr for (where, _), pr in sorted(self.pulls.items()) if where == repo
                 and (state == "all" or pr["state"] == state)
                 and (head is None or pr["head"]["label"] == head)]
        return Answer(200, found)

    def _create(self, repo: str, owner: str, body: Any) -> Answer:
        if not isinstance(body, dict):
            return Answer(400, error_body("Problems parsing JSON"))
        for name in ("title", "head", "base"):
            if not body.get(name):
                return Answer(422, error_body("Validation Failed", [
                    {"resource": "PullRequest", "field": name, "code": "missing_field"}]))
        label = f"{owner}:{body['head']}"
        if any(pr["head"]["label"] == label for pr in self.open_pulls(repo)):
            return Answer(422, error_body("Validation Failed", [{
                "resource": "PullRequest", "code": "custom",
                "message": f"A pull request already exists for {label}."}]))
        number = next(self._numbers.setdefault(repo, itertools.count(1)))
        pr = {
            "url": f"{self.url}/repos/{repo}/pulls/{number}",
            "id": next(_ids),
            "node_id": f"PR_{number}",
            "html_url": f"{self.web_url}/{repo}/pull/{number}",
            "issue_url": f"{self.url}/repos/{repo}/issues/{number}",
            "number": number,
            "state": "open",
            "locked": False,
            "title": body["title"],
            "body": body.get("body"),
            "draft": bool(body.get("draft", False)),
            "user": {"login": "github-actions[bot]", "type": "Bot"},
            "head": {"label": label, "ref": body["head"], "sha": "0" * 40},
            "base": {"label": f"{owner}:{body['base']}", "ref": body["base"], "sha": "1" * 40},
            "merged": False,
        }
        self.pulls[(repo, number)] = pr
        return Answer(201, pr, {"location": pr["url"]})

    def _comment(self, repo: str, number: int, body: Any) -> Answer:
        if (repo, number) not in self.pulls:
            return Answer(404, error_body("Not Found"))
        if not isinstance(body, dict) or not body.get("body"):
            return Answer(422, error_body("Validation Failed", [
                {"resource": "IssueComment", "field": "body", "code": "missing_field"}]))
        comment_id = next(_ids)
        comment = {
            "id": comment_id,
            "url": f"{self.url}/repos/{repo}/issues/comments/{comment_id}",
            "html_url": f"{self.web_url}/{repo}/pull/{number}#issuecomment-{comment_id}",
            "issue_url": f"{self.url}/repos/{repo}/issues/{number}",
            "body": body["body"],
            "user": {"login": "github-actions[bot]", "type": "Bot"},
        }
        self.comments.append(comment)
        return Answer(201, comment)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # stop() waits for every request thread: none outlives its test
    standin: GitHubStandIn

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up is expected; anything else is not."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so once the server stops nothing answers.
    protocol_version = "HTTP/1.0"
    server: _HTTPServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        url = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        answer = self.server.standin.answer(
            Recorded(self.command, url.path, parse_qs(url.query), headers, body, raw))
        payload = answer.body if isinstance(answer.body, str) else json.dumps(answer.body)
        data = payload.encode("utf-8")
        self.send_response(answer.status)
        self.send_header("content-type", "application/json; charset=utf-8")
        self.send_header("content-length", str(len(data)))
        self.send_header("x-github-api-version-selected", "2022-11-28")
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests assert on :attr:`GitHubStandIn.requests` instead."""


@pytest.fixture(name="github_api")
def github_api_fixture() -> Iterator[GitHubStandIn]:
    """A running :class:`GitHubStandIn` that wants :data:`TOKEN`, stopped after the test."""
    with GitHubStandIn() as server:
        yield server
