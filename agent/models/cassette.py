"""Record and replay: a real-model session saved to a folder and played back byte for byte.

``--record DIR`` wraps the run's model in :class:`RecordingModel`: every request and its replies
are written to ``DIR/<key>.json`` (the request in full, so a cassette can be read and diffed).
``--model replay:DIR`` is :class:`ReplayModel`: it answers each request from the file with the
same key and fails loudly on a request it has not seen — never a guess, never the network.
"""

from __future__ import annotations

import json
from pathlib import Path

from homeostasis.core.errors import ModelError, UsageError
from homeostasis.models.base import Completion, Model, ModelRequest
from homeostasis.models.fingerprint import (
    completions_from_json,
    completions_json,
    request_json,
    request_key,
)


class RecordingModel:
    """``inner``, with every exchange written to ``directory``."""

    def __init__(self, inner: Model, directory: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def complete(self, request: ModelRequest) -> list[Completion]:
        replies = self.inner.complete(request)
        entry = {"request": request_json(self.name, request),
                 "replies": completions_json(replies)}
        path = self.directory / f"{request_key(self.name, request)}.json"
        path.write_text(json.dumps(entry, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        return replies


class ReplayModel:
    """Answers from a folder :class:`RecordingModel` wrote. It takes the name of the recorded
    model, so requests (whose keys include that name) match what was recorded."""

    def __init__(self, directory: Path) -> None:
        if not directory.is_dir():
            raise UsageError(f"no recordings folder {directory}",
                             "record one with --record DIR first")
        names = set()
        for path in directory.glob("*.json"):
            try:
                names.add(json.loads(path.read_text(encoding="utf-8"))["request"]["model"])
            except (OSError, ValueError, KeyError, TypeError):
                raise ModelError(f"unreadable recording {path}") from None
        if len(names) != 1:
            raise UsageError(
                f"{directory} holds recordings of {len(names) or 'no'} models",
                "replay a folder that one --record run wrote")
        self.name = names.pop()
        self.directory = directory

    @classmethod
    def from_spec(cls, arg: str) -> ReplayModel:
        if not arg:
            raise UsageError("the replay model needs a folder", "use replay:DIR")
        return cls(Path(arg))

    def complete(self, request: ModelRequest) -> list[Completion]:
        key = request_key(self.name, request)
        path = self.directory / f"{key}.json"
        if not path.is_file():
            raise ModelError(
                f"no recorded reply for this request (key {key[:12]}) in {self.directory}",
                "the prompt or settings differ from the recorded run; record again")
        entry = json.loads(path.read_text(encoding="utf-8"))
        return completions_from_json(entry["replies"])
