"""An argument's value as safe, bounded text: what the monitor stores of it.

Nothing here calls the project's own ``__repr__``, and nothing walks or prints a large value
whole: a value of a builtin type is *literal* (its ``repr`` evaluates back to it, so a
reproduction may replay it) only when a walk of at most :data:`MAX_ELEMENTS` elements finds
builtins all the way down and a ``repr`` of at most :data:`MAX_REPR` characters; anything
bigger is summarised (its type, its length, a few of its first items, each cut short),
anything else is its type's name. Never recorded, whatever they look like:

- the value of a parameter whose name is secret (``password``, ``api_key``, ``token``,
  ``session_id``, ``cookie``…: :func:`homeostasis.core.redaction.is_secret_name`);
- a request's headers, cookies and environment: a parameter named ``scope``, ``environ``,
  ``headers``, ``cookies`` or ``request``, an ASGI scope (a dict whose ``type`` is ``http`` or
  ``websocket``, or with a ``headers`` key), a WSGI environ (``wsgi.input``, ``HTTP_*`` keys),
  a mapping with an ``Authorization`` or ``Cookie`` key, a ``(b"cookie", …)`` header pair —
  wherever it is nested: each is shown as its type and size only.

What is left passes through :func:`homeostasis.core.redaction.redact` with the parameter's
name as context (``password=…``); a redacted value is never literal.
"""

from __future__ import annotations

import reprlib
from itertools import islice
from typing import Any

from homeostasis.core.redaction import MARK, is_secret_name, redact

#: The longest repr of an argument kept whole (and replayable).
MAX_REPR = 2000
#: How many elements (of every level together) a value may have and still be kept whole.
MAX_ELEMENTS = 1000
_LITERAL = frozenset((str, bytes, int, float, complex, bool, type(None), tuple, list, dict,
                      set, frozenset))
_BUILTIN = _LITERAL | {bytearray}
_SIZED = (str, bytes, bytearray, tuple, list, dict, set, frozenset)
_REQUEST_NAMES = frozenset(("scope", "environ", "headers", "cookies", "request", "req",
                            "raw_headers", "wsgi_environ", "asgi_scope", "meta"))
_SECRET_HEADERS = frozenset(("authorization", "proxy-authorization", "cookie", "set-cookie",
                             "x-api-key", "x-api-token", "x-auth-token", "x-csrf-token",
                             "x-xsrf-token", "http_authorization", "http_cookie"))


def _type_name(value: Any) -> str:
    kind = type(value)
    return f"<{kind.__module__}.{kind.__qualname__} object>"


def _header_name(value: Any) -> str:
    if type(value) is bytes:
        return value[:40].decode("latin-1").lower()
    return value[:40].lower() if type(value) is str else ""


def request_like(value: Any) -> bool:
    """Whether ``value`` is (a part of) a request that may carry credentials: an ASGI scope,
    a WSGI environ, headers or cookies as a mapping, or one ``(name, value)`` header pair."""
    kind = type(value)
    if kind is dict:
        if value.get("type") in ("http", "websocket") or "headers" in value:
            return True
        return any(type(k) in (str, bytes) and (
            _header_name(k) in _SECRET_HEADERS or k in ("wsgi.input", "REQUEST_METHOD")
            or (type(k) is str and k.startswith("HTTP_"))) for k in islice(value, 200))
    if kind in (tuple, list) and len(value) == 2:
        return _header_name(value[0]) in _SECRET_HEADERS
    return False


def _scan(value: Any) -> str:
    """``literal``, ``request`` (request-like somewhere inside), ``big`` (a builtin value past
    the budget: its summary hides what is request-like in the part it shows) or ``other``
    (something not builtin inside), looking at no more than :data:`MAX_ELEMENTS` elements."""
    budget = [MAX_ELEMENTS, MAX_REPR]  # elements left, characters left (an estimate)
    todo: list[tuple[Any, int]] = [(value, 0)]
    found = "literal"
    while todo:
        item, depth = todo.pop()
        kind = type(item)
        if kind not in _LITERAL or depth > 8:
            found = "other"
            continue
        budget[0] -= 1
        if kind in (str, bytes):
            budget[1] -= len(item) + 3
        elif kind is int:
            budget[1] -= item.bit_length() // 3 + 2
        elif kind in (float, complex, bool, type(None)):
            budget[1] -= 8
        else:
            if request_like(item):
                return "request"
            if len(item) > budget[0]:
                return "big"
            children = (x for pair in item.items() for x in pair) if kind is dict else item
            todo += [(child, depth + 1) for child in children]
        if budget[0] < 0 or budget[1] < 0:
            return "big"
    return found


class _Bounded(reprlib.Repr):
    """reprlib with every walk bounded: no whole-value repr of bytes or ints, no sorting of a
    dict's or set's every key, type names for anything not builtin, requests hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = self.maxother = self.maxlong = 80
        self.maxtuple = self.maxlist = self.maxdict = self.maxset = self.maxfrozenset = 8

    def repr1(self, x: Any, level: int) -> str:
        if type(x) not in _BUILTIN:
            return _type_name(x)
        if request_like(x):
            return f"<request-like {type(x).__name__} of {len(x)} items>"
        return super().repr1(x, level)

    def repr_bytes(self, x: Any, level: int) -> str:
        return self._cut(x)

    def repr_bytearray(self, x: Any, level: int) -> str:
        return f"bytearray({self._cut(bytes(x[:self.maxstring + 1]))})"

    def _cut(self, x: Any) -> str:
        return repr(x[:self.maxstring]) + ("..." if len(x) > self.maxstring else "")

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 256:
            return f"<int of {x.bit_length()} bits>"
        return super().repr_int(x, level)

    def repr_dict(self, x: Any, level: int) -> str:
        if not x:
            return "{}"
        if level <= 0:
            return "{...}"
        pieces = [f"{self.repr1(k, level - 1)}: {self.repr1(v, level - 1)}"
                  for k, v in islice(x.items(), self.maxdict)]
        return "{" + ", ".join(pieces) + (", ..." if len(x) > self.maxdict else "") + "}"

    def repr_set(self, x: Any, level: int) -> str:
        if not x:
            return "set()"
        if level <= 0:
            return "{...}"
        pieces = [self.repr1(v, level - 1) for v in islice(x, self.maxset)]
        return "{" + ", ".join(pieces) + (", ..." if len(x) > self.maxset else "") + "}"

    def repr_frozenset(self, x: Any, level: int) -> str:
        return f"frozenset({self.repr_set(x, level)})" if x else "frozenset()"


_bounded = _Bounded()


def bounded_repr(value: Any) -> str:
    """A short repr of any value: builtins in part (see :class:`_Bounded`), the rest by
    their type's name; a sized builtin cut short says its type and length."""
    text = _bounded.repr(value)
    if type(value) in _SIZED and type(value) in _BUILTIN:
        size = len(value)
        unit = {"str": "characters", "bytes": "bytes", "bytearray": "bytes"}.get(
            type(value).__name__, "items")
        return f"<{type(value).__name__} of {size} {unit}: {text}>"
    return text


def _hidden(value: Any) -> str:
    if value is None or type(value) is bool:
        return repr(value)
    return f"<{type(value).__name__}: {MARK}>"


def safe_repr(value: Any, where: str, name: str = "") -> dict[str, Any]:
    """``{"repr": text, "literal": bool}`` for the value of the parameter ``name`` (see the
    module docstring); ``literal`` when ``text`` evaluates back to the value."""
    if name and is_secret_name(name):
        return {"repr": _hidden(value), "literal": False}
    literal = False
    try:
        named = name.lower() in _REQUEST_NAMES and type(value) in _SIZED
        verdict = "request" if named else _scan(value)
        if verdict == "request":
            text = f"<request-like {type(value).__name__} of {len(value)} items: not recorded>"
        elif verdict == "literal":
            text = repr(value)
            literal = len(text) <= MAX_REPR
            if not literal:
                text = bounded_repr(value)
        elif type(value) in _BUILTIN:
            text = bounded_repr(value)
        else:
            text = _type_name(value)
    except Exception:  # a value whose repr fails is shown as such
        text, literal = "<unrepresentable>", False
    context = f"{name}=" if name else ""
    clean, found = redact(context + text, where)
    if not clean.startswith(context):  # the redaction took the name as well
        return {"repr": MARK, "literal": False}
    return {"repr": clean[len(context):], "literal": literal and not found}
