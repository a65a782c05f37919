from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Command:
    name: str
    handler: Callable[[list[str]], str]
    help: str
    aliases: tuple[str, ...] = ()
    min_args: int = 0


class Registry:
    def __init__(self) -> None:
        self._commands: dict[str, Command] = {}
        self._aliases: dict[str, str] = {}

    def register(self, command: Command) -> None:
        for name in (command.name, *command.aliases):
            if name in self._commands or name in self._aliases:
                raise ValueError(f"/{name} is already taken")
        self._commands[command.name] = command
        for alias in command.aliases:
            self._aliases[alias] = command.name

    def find(self, name: str) -> Command | None:
        """The command called ``name`` (or with that alias), or None if there is none."""
        name = name.lower()
        return self._commands.get(self._aliases.get(name, name))

    def names(self) -> list[str]:
        return sorted(self._commands)
