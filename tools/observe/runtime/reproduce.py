"""A failing test made from a captured runtime failure, and the command that runs it with
the project's own suite.

The test calls the innermost project function the failure passed through whose arguments
were all captured whole (builtin values, nothing redacted), with those arguments, and expects
it to return without an unhandled exception. It is written into the run's snapshot (and kept
with the run's records), never into the user's tests: its folder, :data:`REPRO_DIR`, is
hidden from pytest's own discovery and given to it by name.
"""

from __future__ import annotations

import ast
import configparser
import shlex
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from homeostasis.tools.observe.runtime.store import Failure

#: Where a reproduction test sits in a snapshot (a hidden folder: pytest does not recurse).
REPRO_DIR = ".homeostasis-repro"


@dataclass(frozen=True)
class Reproduction:
    """``text`` is the test file at ``path`` (project-relative); ``test_id`` its pytest id."""

    path: str
    text: str
    test_id: str
    call: str
    expected: str


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


def _definition(root: Path, path: str, name: str) -> tuple[str, bool]:
    """The docstring of the module-level function ``name`` of ``path``, and whether it
    always returns a value: every ``return`` has one that is not ``None`` and its body
    ends in a ``return`` or ``raise``, so a fix that makes it return None is no fix."""
    try:
        tree = ast.parse((root / path).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError, UnicodeDecodeError):
        return "", False
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            doc = " ".join((ast.get_docstring(node) or "").split())
            returns = [n for n in _own_nodes(node) if isinstance(n, ast.Return)]
            valued = bool(returns) and all(
                r.value is not None and not (isinstance(r.value, ast.Constant)
                                             and r.value.value is None) for r in returns)
            return doc, valued and isinstance(node.body[-1], (ast.Return, ast.Raise))
    return "", False


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


def reproduce(failure: Failure, root: Path) -> tuple[Reproduction | None, str]:
    """The reproduction test of ``failure`` and how it was made, or None and why not."""
    event, fp = failure.event, failure.fingerprint
    for call in event.get("calls", []):
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
        text = _call_text(name, arguments)
        doc, valued = _definition(root, path, name)
        expected = f"{name}(...) returns " + (
            "a value (every path of it returns one) " if valued else "") + (
            "without an unhandled exception")
        request = event.get("request") or {}
        during = (f"{request.get('method', '')} {request.get('path', '')}"
                  f" (query keys: {', '.join(request.get('query_keys', [])) or 'none'})"
                  if request else "outside a request")
        test = f"test_runtime_{fp}"
        lines = [
            "# Reproduces a failure homeostasis.monitor recorded in the running service.",
            f"# {_comment(event.get('type', ''))}: {_comment(event.get('message', ''))[:200]}",
            f"# seen {failure.count} time(s), during {_comment(during)}; fingerprint {fp}",
            f"# Expected: {expected}, called as it was when it failed.",
            *([f"# Its documentation: {doc[:300]}"] if doc else []),
            "import sys",
            "from pathlib import Path",
            "",
            f"sys.path.insert(0, str(Path(__file__).resolve().parents[1] / {base!r}))",
            "",
            f"from {module} import {name}  # noqa: E402",
            "",
            "",
            f"def {test}():",
            f"    assert {text} is not None" if valued else f"    {text}",
            "",
        ]
        rel = f"{REPRO_DIR}/test_runtime_{fp}.py"
        return Reproduction(rel, "\n".join(lines), f"{rel}::{test}", text, expected), (
            f"calls {module}.{text}")
    return None, ("no project function on the stack was called with arguments that can be "
                  "replayed (a method, or a value that is not a builtin, was cut or redacted)")


def _testpaths(root: Path) -> list[str]:
    """The ``testpaths`` of the project's pytest configuration (empty when none)."""
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        found = data.get("tool", {}).get("pytest", {}).get("ini_options", {}).get("testpaths")
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
        if parser.has_option(section, "testpaths"):
            return parser.get(section, "testpaths").split()
    return []


def command_with(test: str | None, root: Path, reproduction: Reproduction) -> str:
    """The test command that runs the project's suite and the reproduction test: ``test``
    (default ``python -m pytest``) given the suite's folders (its ``testpaths``, since any
    path given to pytest replaces them) when it names none, and the test's file."""
    argv = shlex.split(test) if test else ["python", "-m", "pytest"]
    names_paths = any((root / a).exists() for a in argv[1:] if not a.startswith("-"))
    suite = [] if names_paths else [p for p in _testpaths(root) if (root / p).exists()] or ["."]
    return shlex.join([*argv, *suite, reproduction.path])
