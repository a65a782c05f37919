"""The code generation a running service should run, and swapping it in.

A hot-swap deploy writes ``.homeostasis/deploys/generation.json`` (a new file renamed over the
old one): the generation number, the files that changed, and ``mode``: ``swap`` when only
function bodies changed (each worker swaps the changed functions' ``__code__`` in place) or
``reload`` when more did (the deployer has the server replace its workers). A worker notices a
new generation with one ``stat`` of that file per request.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, FunctionType, ModuleType
from typing import Any

MARKER = Path(".homeostasis") / "deploys" / "generation.json"


@dataclass(frozen=True)
class Generation:
    number: int
    files: tuple[str, ...]
    mode: str
    run_id: str
    reason: str


def read_generation(root: Path) -> Generation | None:
    """The generation last published for ``root`` (None when none was, or it is unreadable)."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
        return Generation(int(data["generation"]), tuple(data["files"]), str(data["mode"]),
                          str(data.get("run_id", "")), str(data.get("reason", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def publish(root: Path, files: Sequence[str], mode: str, run_id: str, reason: str) -> int:
    """Announce a new generation of the project's code; returns its number."""
    current = read_generation(root)
    number = (current.number if current else 0) + 1
    path = root / MARKER
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"generation": number, "files": list(files), "mode": mode, "run_id": run_id,
            "reason": reason, "at": time.time()}
    fd, tmp = tempfile.mkstemp(prefix=".generation.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, path)
    return number


def _code_by_qualname(code: CodeType) -> Iterator[CodeType]:
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield const
            if "<locals>" not in const.co_qualname and const.co_name != "<lambda>":
                yield from _code_by_qualname(const)


def _same(a: CodeType, b: CodeType) -> bool:
    """Whether two code objects were compiled from the same source (``==`` on a code object
    that has run can tell them apart by its specialised bytecode)."""
    if (a.co_code, a.co_names, a.co_varnames, a.co_firstlineno, a.co_linetable) != (
            b.co_code, b.co_names, b.co_varnames, b.co_firstlineno, b.co_linetable):
        return False
    if len(a.co_consts) != len(b.co_consts):
        return False
    return all(_same(x, y) if isinstance(x, CodeType) and isinstance(y, CodeType) else
               type(x) is type(y) and x == y for x, y in zip(a.co_consts, b.co_consts,
                                                             strict=True))


def _functions(module: ModuleType) -> Iterator[FunctionType]:
    """The module's own functions, methods of its classes included, unwrapped from
    ``functools.wraps`` decorators."""
    # Only the real type of each value is looked at: a proxy (Flask's ``request``) raises
    # when anything else is asked of it outside a request.
    seen: set[int] = set()
    for value in list(vars(module).values()):
        members = list(vars(value).values()) if issubclass(type(value), type) else [value]
        for member in members:
            if type(member) in (classmethod, staticmethod):
                member = member.__func__
            while type(member) is FunctionType and id(member) not in seen:
                seen.add(id(member))
                if member.__module__ == module.__name__:
                    yield member
                member = member.__dict__.get("__wrapped__")


def swap_file(root: Path, rel: str) -> dict[str, list[str]]:
    """Swap the code of every function of the loaded module(s) of ``root/rel`` for the code
    the file holds now; what was swapped and what was not (and why)."""
    path = os.path.realpath(root / rel)
    done: dict[str, list[str]] = {"swapped": [], "skipped": []}
    modules = [m for m in list(sys.modules.values())
               if isinstance(getattr(m, "__file__", None), str)
               and os.path.realpath(m.__file__ or "") == path]
    if not modules:
        return done
    try:
        source = Path(path).read_text(encoding="utf-8")
        fresh = {c.co_qualname: c for c in _code_by_qualname(compile(source, path, "exec"))}
    except (OSError, SyntaxError, ValueError) as exc:
        done["skipped"].append(f"{rel}: {exc}")
        return done
    for module in modules:
        for fn in _functions(module):
            new = fresh.get(fn.__code__.co_qualname)
            if new is None or _same(new, fn.__code__):
                continue
            if new.co_freevars != fn.__code__.co_freevars:
                done["skipped"].append(f"{fn.__qualname__}: its closure changed")
                continue
            fn.__code__ = new
            done["swapped"].append(f"{module.__name__}.{fn.__qualname__}")
    return done


def swap_in(root: Path, generation: Generation) -> dict[str, Any]:
    """Swap in the code of ``generation``'s files (a ``swap`` generation only)."""
    report: dict[str, Any] = {"generation": generation.number, "swapped": [], "skipped": []}
    if generation.mode != "swap":
        report["skipped"].append(f"mode {generation.mode}: the server reloads its workers")
        return report
    for rel in generation.files:
        done = swap_file(root, rel)
        report["swapped"] += done["swapped"]
        report["skipped"] += done["skipped"]
    return report
