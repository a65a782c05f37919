from __future__ import annotations

from typing import Iterator


class Headers:
    """Header fields with case-insensitive names; a name may repeat."""

    def __init__(self) -> None:
        self._fields: list[tuple[str, str]] = []

    def add(self, name: str, value: str) -> None:
        self._fields.append((name, value))

    def get(self, name: str, default: str | None = None) -> str | None:
        """The first value of ``name``."""
        wanted = name.lower()
        for key, value in self._fields:
            if key.lower() == wanted:
                return value
        return default

    def get_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [v for k, v in self._fields if k.lower() == wanted]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)
