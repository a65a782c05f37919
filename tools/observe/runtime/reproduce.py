"""A failing test made from a captured runtime failure, and the command that runs it with
the project's own suite.

The test calls the innermost project function the failure passed through whose arguments
were all captured whole (builtin values, nothing redacted), with those arguments, and expects
it to return without an unhandled exception; else it replays the request through the
application. Only the captured exception fails it: another one (a view called outside its
framework's request, a replay refused with 401 or 403) skips it, so the repair is never aimed
at a failure that is not the one seen, and :func:`not_reproduced` tells from the run's
baseline whether it reproduced the failure. It is written into the run's snapshot (and kept
with the run's records), never into the user's tests: its folder, :data:`REPRO_DIR`, is
hidden from pytest's own discovery and given to it by name.
"""

from __future__ import annotations

import ast
import configparser
import shlex
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from homeostasis.core.records import TestRun
from homeostasis.tools.observe.runtime import replay
from homeostasis.tools.observe.runtime.store import Failure

#: Where a reproduction test sits in a snapshot (a hidden folder: pytest does not recurse).
REPRO_DIR = ".homeostasis-repro"


@dataclass(frozen=True)
class Reproduction:
    """``text`` is the test file at ``path`` (project-relative); ``test_id`` its pytest id;
    ``call`` what it does, ``expected`` what it expects, in words."""

    path: str
    text: str
    test_id: str
    call: str
    expected: str
    #: Files the test needs beside it (path → text), such as the replay helpers.
    support: Mapping[str, str] = field(default_factory=dict)

    @property
    def files(self) -> dict[str, str]:
        """Every file to add to the run's snapshot."""
        return {self.path: self.text, **self.support}


def _import_base(root: Path, path: str) -> tuple[str, str] | None:
    """(folder to put on ``sys.path``, module name) for the project file ``path``."""
    parts = PurePosixPath(path).with_suffix("").parts
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    base = len(parts) - 1
    while base > 0 and (root / PurePosixPath(*parts[:base]) / "__init__.py").is_file():
        base -= 1
    module = parts[base:]
    if module[-1] == "__init__":
        module = module[:-1]
    return ("/".join(parts[:base]) or ".", ".".join(module)) if module else None


#: Frameworks whose request (and session, app) is a global proxy, not an argument.
_FRAMEWORKS = ("flask", "quart", "bottle", "werkzeug")
_PROXIES = ("request", "session", "g", "current_app", "websocket")


def _parse(root: Path, path: str) -> ast.Module | None:
    try:
        return ast.parse((root / path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return None


def _definition(tree: ast.Module | None, name: str) -> tuple[str, bool]:
    """The docstring of the module-level function ``name``, and whether it always returns a
    value: every ``return`` has one that is not ``None`` and its body ends in a ``return``
    or ``raise``, so a fix that makes it return None is no fix."""
    for node in tree.body if tree else []:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            doc = " ".join((ast.get_docstring(node) or "").split())
            returns = [n for n in _own_nodes(node) if isinstance(n, ast.Return)]
            valued = bool(returns) and all(
                r.value is not None and not (isinstance(r.value, ast.Constant)
                                             and r.value.value is None) for r in returns)
            return doc, valued and isinstance(node.body[-1], (ast.Return, ast.Raise))
    return "", False


def _needs_a_request(tree: ast.Module | None, name: str) -> bool:
    """Whether the module-level function ``name`` only works inside its framework's request:
    its module imports a request proxy (``from flask import request``) and the function takes
    no arguments (a view) or reads the proxy itself. Called directly, it would fail for
    another reason than the one seen."""
    if tree is None:
        return False
    names: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in _FRAMEWORKS:
            names |= {a.asname or a.name for a in node.names if a.name in _PROXIES}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names
                        if a.name.split(".")[0] in _FRAMEWORKS}
    if not names and not modules:
        return False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            args = node.args
            if not (args.posonlyargs or args.args or args.kwonlyargs or args.vararg
                    or args.kwarg):
                return True
            return any((isinstance(n, ast.Name) and n.id in names)
                       or (isinstance(n, ast.Attribute) and n.attr in _PROXIES
                       and isinstance(n.value, ast.Name) and n.value.id in modules)
                       for n in ast.walk(node))
    return False


def _own_nodes(fn: ast.AST) -> list[ast.AST]:
    """The nodes of ``fn``'s body, not those of functions or classes defined in it."""
    found, todo = [], list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _call_text(name: str, arguments: Mapping[str, Mapping[str, Any]]) -> str:
    parts = []
    for arg, value in arguments.items():
        kind, text = value.get("kind", "positional"), value["repr"]
        parts.append({"positional": text, "keyword": f"{arg}={text}", "star": f"*{text}",
                      "starstar": f"**{text}"}.get(kind, text))
    return f"{name}({', '.join(parts)})"


def _comment(text: str) -> str:
    return " ".join(text.split())


#: Methods whose request can be replayed from its summary (no body, and safe: a replay must
#: not change anything); the query must be empty.
_REPLAYABLE = ("GET", "HEAD", "OPTIONS")
#: Answers that say a replay did not reach the code (it lacks the request's credentials).
_REFUSED = (401, 403)
_SUPPORT = f"{REPRO_DIR}/testing/homeostasis_replay.py"


def reproduce(failure: Failure, root: Path) -> tuple[Reproduction | None, str]:
    """The reproduction test of ``failure`` and how it was made, or None and why not: a
    call of the innermost project function whose arguments were captured whole, else a
    replay of the request through the application."""
    made = _by_call(failure, root) or _by_request(failure, root)
    if made is not None:
        return made, made.call
    return None, ("no project function on the stack was called with arguments that can be "
                  "replayed (a method, a value that is not a builtin, was cut or redacted, "
                  "or a view that needs its framework's request), and the request cannot be "
                  "replayed (not GET, HEAD or OPTIONS, a query, a body, or an application the "
                  "monitor could not find by name)")


def _by_call(failure: Failure, root: Path) -> Reproduction | None:
    for call in failure.event.get("calls", []):
        arguments = call.get("arguments", {})
        qualname, path = str(call.get("qualname", "")), str(call.get("path", ""))
        if "." in qualname or "<" in qualname or not path.endswith(".py"):
            continue  # a method or a nested function: not callable from a test alone
        if not all(a.get("literal") for a in arguments.values()):
            continue
        located = _import_base(root, path)
        if located is None:
            continue
        base, module = located
        name = str(call["function"])
        tree = _parse(root, path)
        if _needs_a_request(tree, name):
            continue
        text = _call_text(name, arguments)
        doc, valued = _definition(tree, name)
        expected = f"{name}(...) returns " + (
            "a value (every path of it returns one) " if valued else "") + (
            "without an unhandled exception")
        body = ["    with _as_captured():", f"        result = {text}"]
        if valued:
            body.append("    assert result is not None")
        notes = [f"# Its documentation: {doc[:300]}"] if doc else []
        return _test_file(failure, base, f"from {module} import {name}", body, expected,
                          text, notes)
    return None


def _by_request(failure: Failure, root: Path) -> Reproduction | None:
    request, app = failure.event.get("request") or {}, failure.event.get("app") or {}
    target, kind = str(app.get("target", "")), str(app.get("kind", ""))
    method, path = str(request.get("method", "")), str(request.get("path", ""))
    if (not target or ":" not in target or kind not in ("wsgi", "asgi")
            or method not in _REPLAYABLE or request.get("query_keys") or "[REDACTED]" in path):
        return None
    module, name = target.split(":", 1)
    file = next((f for f in (f"{module.replace('.', '/')}.py",
                             f"{module.replace('.', '/')}/__init__.py") if (root / f).is_file()),
                None)
    located = _import_base(root, file) if file else None
    if located is None:
        return None
    text = f"replay_{kind}({name}.app, {method!r}, {path!r})"
    body = ["    sys.path.insert(0, str(Path(__file__).parent / 'testing'))",
            f"    from homeostasis_replay import replay_{kind}",
            "",
            "    with _as_captured():",
            f"        status = {text}",
            f"    if status in {_REFUSED!r}:",
            "        pytest.skip(f'the replayed request was refused ({status}): it needs "
            "credentials the summary does not keep')",
            "    assert status < 500"]
    expected = (f"{method} {path} is answered without a server error (a refusal, 401 or 403, "
                "reproduces nothing)")
    return _test_file(failure, located[0], f"from {module} import {name}", body, expected,
                      text, [], {_SUPPORT: Path(replay_source()).read_text(encoding="utf-8")})


def replay_source() -> str:
    """The file of the replay helpers copied next to a request's reproduction."""
    return str(replay.__file__)


def _test_file(failure: Failure, base: str, import_line: str, body: list[str], expected: str,
               call: str, notes: list[str], support: Mapping[str, str] | None = None
               ) -> Reproduction:
    event, fp = failure.event, failure.fingerprint
    request = event.get("request") or {}
    during = (f"{request.get('method', '')} {request.get('path', '')}"
              f" (query keys: {', '.join(request.get('query_keys', [])) or 'none'})"
              if request else "outside a request")
    test = f"test_runtime_{fp}"
    lines = [
        "# Reproduces a failure homeostasis.monitor recorded in the running service.",
        f"# {_comment(event.get('type', ''))}: {_comment(event.get('message', ''))[:200]}",
        f"# seen {failure.count} time(s), during {_comment(during)}; fingerprint {fp}",
        f"# Expected: {expected}, as when it failed.",
        *notes,
        "import contextlib",
        "import sys",
        "from pathlib import Path",
        "",
        "import pytest",
        "",
        f"sys.path.insert(0, str(Path(__file__).resolve().parents[1] / {base!r}))",
        "",
        f"{import_line}  # noqa: E402",
        "",
        f"CAPTURED = {str(event.get('type', ''))!r}",
        "",
        "",
        "@contextlib.contextmanager",
        "def _as_captured():",
        "    # Only the captured exception fails this test; another one means it does not",
        "    # reproduce the failure (skipped, so no repair is aimed at it).",
        "    try:",
        "        yield",
        "    except Exception as exc:",
        "        kind = type(exc)",
        "        name = kind.__qualname__ if kind.__module__ in ('builtins', '__main__') else (",
        "            f'{kind.__module__}.{kind.__qualname__}')",
        "        if name.rsplit('.', 1)[-1] == CAPTURED.rsplit('.', 1)[-1]:",
        "            raise",
        "        pytest.skip(f'not the captured {CAPTURED}: raised {name}: {exc}'[:500])",
        "",
        "",
        f"def {test}():",
        *body,
        "",
    ]
    rel = f"{REPRO_DIR}/test_runtime_{fp}.py"
    return Reproduction(rel, "\n".join(lines), f"{rel}::{test}", call, expected,
                        dict(support or {}))


def _same_type(found: str, captured: str) -> bool:
    """Whether a test's exception type (as pytest printed it) is the captured one."""
    return bool(found) and found.rsplit(".", 1)[-1] == captured.rsplit(".", 1)[-1]


def not_reproduced(baseline: TestRun, reproduction: Reproduction, failure: Failure
                   ) -> tuple[str, str] | None:
    """None when the reproduction test failed on the unrepaired code with the captured
    exception's type; else the state the failure gets (``not_reproduced`` when the test
    passes: fixed already?; ``unreproducible`` otherwise) and why."""
    captured = str(failure.event.get("type", ""))
    result = next((r for r in baseline.results if r.test_id == reproduction.test_id), None)
    if result is None:
        return "unreproducible", "the reproduction test did not run"
    if result.outcome == "passed":
        return ("not_reproduced", "the reproduction test passes on the current code (fixed "
                                  "already?)")
    if result.outcome in ("skipped", "flaky"):
        return "unreproducible", (
            f"the reproduction test was {result.outcome}: " + (
                f"it raised another exception than the captured {captured}, or the replayed "
                "request was refused (401/403)" if result.outcome == "skipped" else
                "it failed and passed on the same code"))
    found = next((f for f in baseline.failures if f.test_id == reproduction.test_id), None)
    if found is None or not _same_type(found.exc_type, captured):
        what = f"{found.exc_type or 'an error'}: {' '.join(found.message.split())[:160]}" \
            if found else "an error the run did not record"
        return "unreproducible", (f"the reproduction test fails with {what}, not the "
                                  f"captured {captured}")
    return None


#: pytest's own ``norecursedirs`` (for a project that does not set it).
_NORECURSE = ("*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}")


def _ini_option(root: Path, key: str) -> list[str]:
    """A list option of the project's pytest configuration (empty when not set)."""
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        found = data.get("tool", {}).get("pytest", {}).get("ini_options", {}).get(key)
        if found:
            return [found] if isinstance(found, str) else [str(p) for p in found]
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
        pass
    for name, section in (("pytest.ini", "pytest"), ("tox.ini", "pytest"),
                          ("setup.cfg", "tool:pytest")):
        parser = configparser.ConfigParser()
        try:
            parser.read(root / name, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            continue
        if parser.has_option(section, key):
            return parser.get(section, key).split()
    return []


def _top_level(root: Path) -> list[str]:
    """What pytest collects from the project's root, named one by one. Given ``.`` and the
    reproduction's path, pytest folds the path into ``.`` (it lies inside) and then never
    enters the reproduction's hidden folder."""
    skip = _ini_option(root, "norecursedirs") or _NORECURSE
    named = []
    for entry in sorted(root.iterdir()):
        if entry.is_dir():
            if not (entry.name == "__pycache__" or (entry / "pyvenv.cfg").exists()
                    or any(fnmatch(entry.name, pattern) for pattern in skip)):
                named.append(entry.name)
        elif fnmatch(entry.name, "test_*.py") or fnmatch(entry.name, "*_test.py"):
            named.append(entry.name)
    return named


def command_with(test: str | None, root: Path, reproduction: Reproduction) -> str:
    """The test command that runs the project's suite and the reproduction test: ``test``
    (default ``python -m pytest``) given the suite's folders (its ``testpaths``, since any
    path given to pytest replaces them) when it names none, and the test's file. The project's
    root, as a path, is given as what it holds (see :func:`_top_level`)."""
    argv = shlex.split(test) if test else ["python", "-m", "pytest"]
    names_paths = any((root / a).exists() for a in argv[1:] if not a.startswith("-"))
    suite = [] if names_paths else [
        p for p in _ini_option(root, "testpaths") if (root / p).exists()] or ["."]
    args = argv[:1]
    for arg in [*argv[1:], *suite]:
        is_root = not arg.startswith("-") and (root / arg).resolve() == root.resolve()
        args += _top_level(root) if is_root else [arg]
    return shlex.join([*args, reproduction.path])
