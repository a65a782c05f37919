"""What an install needs: every package the code imports is declared in pyproject.toml, and the
Docker client speaks whatever API version the engine serves. (That the declared lower bounds
are enough is checked by ``scripts/lowest-versions``, which installs exactly those.)"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import sys
import tempfile
import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from socketserver import ThreadingUnixStreamServer
from typing import Any

import pytest
from homeostasis.tools.sandbox.docker.engine import connect

ROOT = Path(__file__).resolve().parent.parent
#: The folders installed as the ``homeostasis`` package.
SOURCES = ("agent", "tools", "evals")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared_distributions() -> set[str]:
    """The distributions pyproject.toml names: dependencies and optional dependencies."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {_normal(re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0]) for r in requirements}


def third_party_imports() -> dict[str, str]:
    """Each top-level module the package imports that is neither the standard library, nor
    the package, nor one of its own files (scripts copied into a container import each other
    by bare name), with a file that imports it."""
    files = sorted(path for folder in SOURCES for path in (ROOT / folder).rglob("*.py"))
    own = {"homeostasis", "__future__"} | {path.stem for path in files}
    found: dict[str, str] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {name.partition(".")[0] for name in names}:
                if top not in sys.stdlib_module_names and top not in own:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """A module that only comes in as another package's dependency can vanish when that
    package changes its own (httpx2 came with the SDKs)."""
    providers = importlib.metadata.packages_distributions()
    declared = declared_distributions()
    undeclared = {
        module: where for module, where in third_party_imports().items()
        if not {_normal(d) for d in providers.get(module, [module])} & declared
    }
    assert undeclared == {}


# ── the Docker engine's API version ──────────────────────────────────────────────────────────

#: What a current engine serves: API versions 1.44 and up (Docker 25+ refuses older clients).
ENGINE_VERSION = {"ApiVersion": "1.52", "MinAPIVersion": "1.44", "Version": "29.0.0"}


class _Engine(BaseHTTPRequestHandler):
    """A Docker engine on a Unix socket that answers ``/version`` and ``/_ping`` the way
    current engines do, refusing clients that ask for an API older than 1.44."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        asked = re.match(r"/v(\d+)\.(\d+)/", self.path)
        if self.path == "/version":
            self._send(200, ENGINE_VERSION)
        elif asked and (int(asked[1]), int(asked[2])) < (1, 44):
            self._send(400, {"message": f"client version {asked[1]}.{asked[2]} is too old. "
                                        "Minimum supported API version is 1.44"})
        elif self.path.endswith("/_ping"):
            self._send(200, "OK")
        else:
            self._send(404, {"message": "page not found"})

    def _send(self, status: int, body: Any) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if isinstance(body, str)
                         else "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def address_string(self) -> str:
        return "client"  # a Unix socket's peer has no address

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def current_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``DOCKER_HOST`` pointed at an :class:`_Engine` (in a short folder: socket paths are
    limited to about 100 characters)."""
    with tempfile.TemporaryDirectory(prefix="hs-engine-") as folder:
        server = ThreadingUnixStreamServer(f"{folder}/docker.sock", _Engine)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        monkeypatch.setenv("DOCKER_HOST", f"unix://{folder}/docker.sock")
        for name in ("DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT"):
            monkeypatch.delenv(name, raising=False)
        yield
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_client_speaks_the_api_version_a_current_engine_serves(current_engine: None
                                                                    ) -> None:
    client = connect()
    try:
        assert client.api.api_version == ENGINE_VERSION["ApiVersion"]
    finally:
        client.close()


@pytest.mark.docker
def test_the_client_speaks_the_running_engines_api_version() -> None:
    from docker_support import docker_or_skip

    client = docker_or_skip()
    try:
        assert client.api.api_version == client.version()["ApiVersion"]
        assert client.ping()
    finally:
        client.close()
