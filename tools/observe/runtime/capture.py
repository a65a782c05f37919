"""What a runtime failure looks like once captured: its stack (the project's own frames
marked), the arguments of the innermost project frames as safe reprs, a request summary, and
a fingerprint that is the same for every occurrence of the same fault.

An argument is kept as ``values.safe_repr`` makes it: never the project's own ``__repr__``,
never a large value whole, never a secret-named parameter's value, never a request's headers,
cookies or environment. Every text that could hold data (the message, reprs, the request
path) passes through :func:`homeostasis.core.redaction.redact`; a redacted argument is marked
not replayable. The request summary never reads headers, cookies or bodies.
"""

from __future__ import annotations

import functools
import hashlib
import linecache
import os
import traceback
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qsl

from homeostasis.core.redaction import redact
from homeostasis.tools.observe.runtime.values import MAX_REPR, bounded_repr, safe_repr

__all__ = ["MAX_REPR", "asgi_request", "capture", "fingerprint", "fingerprint_of",
           "project_path", "safe_repr", "wsgi_request"]

#: How many of the innermost project frames get their arguments captured.
ARGUMENT_FRAMES = 3
_NOT_PROJECT = ("site-packages", "dist-packages", ".venv", "venv", ".homeostasis", ".tox")
#: A service's code files are few and stay where they are: resolve each once (``realpath``
#: is a ``lstat`` per path component, the dearest part of a capture otherwise).
_realpath = functools.lru_cache(maxsize=4096)(os.path.realpath)


def project_path(filename: str, root: str) -> str | None:
    """``filename`` relative to ``root`` (POSIX) when it is one of the project's own files."""
    if not filename or filename.startswith("<"):
        return None
    real = _realpath(filename)
    if not real.startswith(root + os.sep):
        return None
    rel = real[len(root) + 1:]
    parts = rel.split(os.sep)
    if any(p in _NOT_PROJECT or p.endswith(".egg-info") for p in parts[:-1]):
        return None
    return "/".join(parts)


def _arguments(frame: FrameType, where: str) -> dict[str, dict[str, Any]]:
    """Each parameter's value on entry to the frame's function, as it stands now, with how
    it is passed: ``positional``, ``keyword`` (keyword-only), ``star`` or ``starstar``."""
    code, names = frame.f_code, frame.f_code.co_varnames
    kinds = ["positional"] * code.co_argcount + ["keyword"] * code.co_kwonlyargcount
    kinds += ["star"] * bool(code.co_flags & 0x04) + ["starstar"] * bool(code.co_flags & 0x08)
    found = {}
    for name, kind in zip(names, kinds, strict=False):
        if name in frame.f_locals:
            found[name] = {**safe_repr(frame.f_locals[name], where, name), "kind": kind}
    return found


def capture(exc: BaseException, root: Path, request: Mapping[str, Any] | None = None
            ) -> tuple[str, dict[str, Any]]:
    """``(fingerprint, event)`` for the exception ``exc`` raised in the project at ``root``;
    ``request`` is the summary of :func:`wsgi_request` or :func:`asgi_request`."""
    walked, frames = _stack(exc, root)
    for described, (frame, line) in zip(frames, walked, strict=True):
        source = linecache.getline(frame.f_code.co_filename, line).strip()[:300]
        rel = described["path"] if described["in_project"] else None
        described["source"] = redact(source, rel)[0] if rel else source  # a key in the code
    inner = [(f, w) for f, w in zip(frames, walked, strict=True) if f["in_project"]][::-1]
    calls = []
    for described, (frame, _) in inner[:ARGUMENT_FRAMES]:
        code = frame.f_code
        calls.append({
            "path": described["path"], "line": described["line"],
            "function": code.co_name, "qualname": code.co_qualname,
            "arguments": _arguments(frame, described["path"]),
        })
    exc_type = _type_name(exc)
    message, _ = redact(_message(exc), "message")
    event = {"type": exc_type, "message": message, "frames": frames, "calls": calls,
             "request": dict(request) if request else None, "pid": os.getpid()}
    return fingerprint(exc_type, frames), event


def fingerprint_of(exc: BaseException, root: Path) -> str:
    """The fingerprint :func:`capture` gives ``exc``, and nothing else (a repeat's event is
    not needed: the store keeps the first)."""
    return fingerprint(_type_name(exc), _stack(exc, root)[1])


def _stack(exc: BaseException, root: Path
           ) -> tuple[list[tuple[FrameType, int]], list[dict[str, Any]]]:
    base = _realpath(str(root))
    walked = list(traceback.walk_tb(exc.__traceback__))
    frames = []
    for frame, line in walked:
        rel = project_path(frame.f_code.co_filename, base)
        frames.append({"path": rel or frame.f_code.co_filename, "line": line,
                       "function": frame.f_code.co_name, "in_project": rel is not None})
    return walked, frames


def _type_name(exc: BaseException) -> str:
    name, module = type(exc).__qualname__, type(exc).__module__
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def _message(exc: BaseException) -> str:
    """``str(exc)``, at most 2,000 characters, without printing a large argument whole."""
    try:
        args = exc.args if isinstance(exc.args, tuple) else ()
        if any(isinstance(a, (str, bytes, bytearray, tuple, list, dict, set, frozenset))
               and len(a) > MAX_REPR for a in args):
            return ", ".join(bounded_repr(a) for a in args)[:2000]
        return str(exc)[:2000]
    except Exception:  # the exception's own __str__ failed
        return "<unprintable message>"


def fingerprint(exc_type: str, frames: list[dict[str, Any]]) -> str:
    """The same for every occurrence of one fault: the exception's type and the project's
    frames by file and function (not line: an edit elsewhere in the file moves them)."""
    key = "\n".join([exc_type, *(f"{f['path']}:{f['function']}" for f in frames
                                 if f["in_project"])])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _summary(method: str, path: str, query: str) -> dict[str, Any]:
    clean, _ = redact(path[:500], "request path")
    keys = sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)})
    return {"method": method, "path": clean, "query_keys": keys[:50]}


def wsgi_request(environ: Mapping[str, Any]) -> dict[str, Any]:
    """Method, path and query keys of a WSGI request (never headers, cookies or the body)."""
    return _summary(str(environ.get("REQUEST_METHOD", "")), str(environ.get("PATH_INFO", "")),
                    str(environ.get("QUERY_STRING", "")))


def asgi_request(scope: Mapping[str, Any]) -> dict[str, Any]:
    """Method, path and query keys of an ASGI HTTP request."""
    query = scope.get("query_string", b"")
    return _summary(str(scope.get("method", "")), str(scope.get("path", "")),
                    query.decode("latin-1") if isinstance(query, bytes) else str(query))
