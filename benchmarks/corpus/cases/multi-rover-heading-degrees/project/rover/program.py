"""Rover programs: one command per line, ``F <metres>``, ``L <degrees>`` or ``R <degrees>``."""

from __future__ import annotations

from rover.pose import Pose


def parse_program(text: str) -> list[tuple[str, float]]:
    commands: list[tuple[str, float]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        op, _, arg = line.partition(" ")
        try:
            value = float(arg)
        except ValueError:
            raise ValueError(f"line {number}: bad argument {arg!r}") from None
        op = op.upper()
        if op == "F":
            commands.append(("forward", value))
        elif op in ("L", "R"):
            commands.append(("turn", value if op == "L" else -value))
        else:
            raise ValueError(f"line {number}: unknown command {op!r}")
    return commands


def run_program(commands: list[tuple[str, float]], start: Pose = Pose()) -> Pose:
    pose = start
    for op, value in commands:
        pose = pose.forward(value) if op == "forward" else pose.turn(value)
    return pose
