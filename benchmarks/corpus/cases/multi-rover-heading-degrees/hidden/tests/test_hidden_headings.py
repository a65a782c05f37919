import pytest

from rover import Pose, bearing_to, parse_program, plan_route, run_program


def test_square_returns_home():
    end = run_program(parse_program("F 4\nL 90\nF 4\nL 90\nF 4\nL 90\nF 4\nL 90"))
    assert end.rounded() == (0.0, 0.0, 0.0)


def test_diagonal_drive():
    end = Pose(heading=45).forward(2 ** 0.5)
    assert (end.x, end.y) == (pytest.approx(1.0), pytest.approx(1.0))


def test_bearing_from_a_moved_rover():
    assert bearing_to(Pose(5, 5, 180), (5, 0)) == pytest.approx(270.0)
    assert bearing_to(Pose(5, 5), (10, 5)) == 0.0


def test_planned_route_reaches_the_waypoints():
    commands = plan_route(Pose(heading=90), [(3, 0), (3, 4)])
    assert commands == [("turn", -90.0), ("forward", 3.0), ("turn", 90.0), ("forward", 4.0)]
    end = run_program(commands, Pose(heading=90))
    assert end.rounded()[:2] == (3.0, 4.0)
