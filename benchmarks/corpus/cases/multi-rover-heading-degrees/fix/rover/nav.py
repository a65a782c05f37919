from __future__ import annotations

import math

from rover.pose import Pose, normalize


def distance_to(pose: Pose, target: tuple[float, float]) -> float:
    return math.hypot(target[0] - pose.x, target[1] - pose.y)


def bearing_to(pose: Pose, target: tuple[float, float]) -> float:
    """The heading, in degrees within [0, 360), that points from ``pose`` at ``target``."""
    return math.degrees(math.atan2(target[1] - pose.y, target[0] - pose.x)) % 360.0


def relative_turn(pose: Pose, target: tuple[float, float]) -> float:
    """The smallest turn, in degrees within (-180, 180], that faces ``target``."""
    turn = normalize(bearing_to(pose, target) - pose.heading)
    return turn - 360.0 if turn > 180.0 else turn


def plan_route(start: Pose, waypoints: list[tuple[float, float]]) -> list[tuple[str, float]]:
    """Commands that visit ``waypoints`` in order: ``("turn", degrees)`` then ``("forward", metres)``."""
    commands: list[tuple[str, float]] = []
    pose = start
    for target in waypoints:
        turn = round(relative_turn(pose, target), 6)
        if turn:
            commands.append(("turn", turn))
        commands.append(("forward", round(distance_to(pose, target), 6)))
        pose = Pose(target[0], target[1], normalize(pose.heading + turn))
    return commands
