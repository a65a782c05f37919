"""Typed access to parsed configuration."""

from __future__ import annotations

from pathlib import Path

from iniconf.parser import parse

_TRUE = {"1", "yes", "true", "on"}
_FALSE = {"0", "no", "false", "off"}
_MISSING = object()


class Config:
    def __init__(self, sections: dict[str, dict[str, str]]) -> None:
        self._sections = sections

    @classmethod
    def from_text(cls, text: str) -> Config:
        return cls(parse(text))

    def sections(self) -> list[str]:
        return list(self._sections)

    def get(self, section: str, key: str, default: object = _MISSING) -> str:
        try:
            return self._sections[section][key.lower()]
        except KeyError:
            if default is _MISSING:
                raise KeyError(f"{section}.{key}") from None
            return default  # type: ignore[return-value]

    def getint(self, section: str, key: str, default: int | None = None) -> int:
        value = self.get(section, key, None)
        return default if value is None else int(value)  # type: ignore[return-value]

    def getbool(self, section: str, key: str, default: bool = False) -> bool:
        value = self.get(section, key, None)
        if value is None:
            return default
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ValueError(f"{section}.{key}: not a boolean: {value!r}")

    def getlist(self, section: str, key: str) -> list[str]:
        """A value split on newlines and commas, without empty items."""
        value = self.get(section, key, "")
        return [item.strip() for part in value.splitlines() for item in part.split(",")
                if item.strip()]


def load(path: str | Path) -> Config:
    return Config.from_text(Path(path).read_text(encoding="utf-8"))
