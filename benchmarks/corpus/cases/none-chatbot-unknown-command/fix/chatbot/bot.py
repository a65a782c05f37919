from __future__ import annotations

import random
from dataclasses import dataclass

from chatbot.builtin import install_builtins
from chatbot.commands import Registry


@dataclass(frozen=True)
class Reply:
    text: str
    error: bool = False


class Bot:
    prefix = "/"

    def __init__(self, seed: int | None = None) -> None:
        self.registry = Registry()
        install_builtins(self.registry, random.Random(seed))

    def handle(self, message: str) -> Reply | None:
        """Answer a chat message.

        Messages that are not commands get no reply (None). An unknown command, missing
        arguments or a failing command get an error reply.
        """
        message = message.strip()
        if not message.startswith(self.prefix) or len(message) == 1:
            return None
        name, *args = message[1:].split()
        command = self.registry.find(name)
        if command is None:
            return Reply(f"unknown command /{name}", True)
        if len(args) < command.min_args:
            return Reply(f"/{command.name} needs at least {command.min_args} argument(s)", True)
        try:
            return Reply(command.handler(args))
        except ValueError as exc:
            return Reply(str(exc), True)
