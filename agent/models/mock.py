"""A model that plays back replies written in advance: for tests, demos and offline runs."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from homeostasis.core.errors import ModelError, UsageError
from homeostasis.models.base import Completion, ModelRequest

#: In a text replies file, a line holding only this separates one reply from the next.
REPLY_SEPARATOR = "=====REPLY====="

_SEPARATOR_LINE = re.compile(rf"^{re.escape(REPLY_SEPARATOR)}[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


class ScriptedModel:
    """Returns the given replies in order, ``request.n`` per call, and never makes one up.

    Every request is kept in :attr:`history`. When the replies run out, :meth:`complete`
    raises :class:`~homeostasis.core.errors.ModelError` instead of starting over.
    """

    def __init__(self, outputs: Sequence[str | Completion], name: str = "mock") -> None:
        self.name = name
        self.history: list[ModelRequest] = []
        self._outputs = tuple(o if isinstance(o, Completion) else Completion(o) for o in outputs)
        self._next = 0

    @property
    def remaining(self) -> int:
        """How many replies are left."""
        return len(self._outputs) - self._next

    def complete(self, request: ModelRequest) -> list[Completion]:
        """The next ``request.n`` replies."""
        self.history.append(request)
        if request.n > self.remaining:
            raise ModelError(
                f"the scripted model has no more replies ({len(self._outputs)} given)",
                hint=f"{request.n} asked for, {self.remaining} left",
            )
        replies = list(self._outputs[self._next : self._next + request.n])
        self._next += request.n
        return replies

    @classmethod
    def from_file(cls, path: str | Path, name: str = "mock") -> ScriptedModel:
        """A scripted model replaying a file: a JSON list of strings (``*.json``), or text
        whose replies are separated by lines holding ``=====REPLY=====``."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ModelError(f"cannot read scripted replies {path}: {reason}") from None
        replies = _parse_json(path, text) if path.suffix.lower() == ".json" else _parse_text(text)
        if not replies:
            raise ModelError(f"scripted replies file {path} holds no replies")
        return cls(replies, name=name)

    @classmethod
    def from_spec(cls, arg: str) -> ScriptedModel:
        """The model named ``mock:PATH`` on the command line."""
        if not arg:
            raise UsageError("the mock model needs a replies file", hint="use mock:PATH")
        return cls.from_file(arg)


def _parse_json(path: Path, text: str) -> list[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(
            f"scripted replies file {path} is not valid JSON: {exc.msg} (line {exc.lineno})"
        ) from None
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        raise ModelError(f"scripted replies file {path} must hold a JSON list of strings")
    return data


def _parse_text(text: str) -> list[str]:
    return [chunk for chunk in _SEPARATOR_LINE.split(text) if chunk.strip()]
