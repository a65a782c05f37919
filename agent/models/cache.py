"""A response cache: an identical request is answered from disk instead of the model.

Entries live in a diskcache database whose keys and values are JSON (``diskcache.JSONDisk``):
never pickle, so a cache file cannot run code when it is read. The key is
:func:`~homeostasis.models.fingerprint.request_key` — model, messages and sampling parameters.
A cached answer is returned with its token counts but no cost: it was paid for once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import diskcache
from homeostasis.models.base import Completion, Model, ModelRequest
from homeostasis.models.fingerprint import completions_from_json, completions_json, request_key


def default_cache_dir() -> Path:
    """``HOMEOSTASIS_CACHE_DIR``, else the user's cache folder (``XDG_CACHE_HOME`` or
    ``~/.cache``) ``/homeostasis/models``."""
    override = os.environ.get("HOMEOSTASIS_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "homeostasis" / "models"


class JsonOnlyDisk(diskcache.JSONDisk):  # type: ignore[misc]
    """diskcache's JSON disk, minus its fallback to pickle: ``JSONDisk`` still unpickles a row
    whose mode says pickle, so a tampered cache file (a shared or restored CI cache) could run
    code. Such a row is refused instead, and the lookup is a miss."""

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        if mode == diskcache.core.MODE_PICKLE:
            raise ValueError("a pickled cache entry: refused")
        return super().fetch(mode, filename, value, read)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise ValueError("a pickled cache key: refused")
        return super().get(key, raw)


class CachedModel:
    """``inner`` behind a JSON-only disk cache; ``hits`` and ``misses`` count this run's."""

    def __init__(self, inner: Model, directory: Path | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.directory = directory or default_cache_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(self.directory), disk=JsonOnlyDisk)
        self.hits = 0
        self.misses = 0

    def complete(self, request: ModelRequest) -> list[Completion]:
        key = request_key(self.inner.name, request)
        try:
            stored = self._cache.get(key)
        except (ValueError, TypeError):  # refused (pickle) or unreadable: ask the model
            stored = None
        if stored is not None:
            try:
                replies = completions_from_json(stored, free=True)
            except (KeyError, TypeError, ValueError):
                replies = []
            if replies:
                self.hits += 1
                return replies
        self.misses += 1
        replies = self.inner.complete(request)
        if replies and all(c.finish_reason != "length" for c in replies):
            self._cache.set(key, completions_json(replies))
        return replies

    def close(self) -> None:
        self._cache.close()
