import pytest

from rover import Pose, bearing_to, distance_to, parse_program, run_program


def test_turns_wrap_around():
    assert Pose(heading=350).turn(20).heading == 10
    assert Pose(heading=10).turn(-30).heading == 340


def test_forward_along_start_heading():
    assert Pose(1, 2, 0).forward(3).rounded() == (4.0, 2.0, 0.0)


def test_forward_after_left_turn():
    assert Pose().turn(90).forward(5).rounded() == (0.0, 5.0, 90.0)


def test_parse_program():
    assert parse_program("F 10\n# comment\nL 90\nr 45  # right\n") == [
        ("forward", 10.0), ("turn", 90.0), ("turn", -45.0)]
    with pytest.raises(ValueError):
        parse_program("J 3")


def test_distance():
    assert distance_to(Pose(1, 1), (4, 5)) == 5.0


def test_bearing_in_degrees():
    assert bearing_to(Pose(), (0, 10)) == pytest.approx(90.0)
    assert bearing_to(Pose(), (-1, -1)) == pytest.approx(225.0)
