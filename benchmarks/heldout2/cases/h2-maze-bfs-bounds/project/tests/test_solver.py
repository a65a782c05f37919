import pytest

from maze.solver import parse, shortest_path, solve

WALLED = """
#######
#S..#.#
#.#.#.#
#.#...#
#...#G#
#######
"""


def test_walled_maze():
    assert solve(WALLED) == 7


def test_blocked_goal():
    assert solve("#####\n#S#G#\n#####\n") is None


def test_path_cells():
    grid, s, g = parse("####\n#SG#\n####\n")
    assert shortest_path(grid, s, g) == [(1, 1), (1, 2)]


def test_parse_requires_start_and_goal():
    with pytest.raises(ValueError):
        parse("#..#\n")


def test_open_field():
    assert solve("S..\n...\n..G\n") == 4


def test_goal_in_right_column():
    assert solve("S.#G\n....\n") == 5
