from __future__ import annotations

import random

from chatbot.commands import Command, Registry


def install_builtins(registry: Registry, rng: random.Random) -> None:
    def roll(args: list[str]) -> str:
        count, _, sides = args[0].lower().partition("d")
        if not (count.isdigit() and sides.isdigit()) or not 1 <= int(count) <= 20:
            raise ValueError("usage: /roll <n>d<sides>, e.g. /roll 2d6")
        dice = [rng.randint(1, int(sides)) for _ in range(int(count))]
        return f"{' + '.join(map(str, dice))} = {sum(dice)}"

    def echo(args: list[str]) -> str:
        return " ".join(args)

    def help_(args: list[str]) -> str:
        return "commands: " + ", ".join(f"/{n}" for n in registry.names())

    registry.register(Command("roll", roll, "roll dice", aliases=("r", "dice"), min_args=1))
    registry.register(Command("echo", echo, "repeat the message", aliases=("say",)))
    registry.register(Command("help", help_, "list commands", aliases=("?",)))
