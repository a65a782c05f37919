"""Mazes without outer walls in every direction, including a one-row and one-column
maze: rules out fixes that only guard the right edge for some rows."""
from maze.solver import solve


def test_single_row():
    assert solve("S...G") == 4
    assert solve("G..S") == 3


def test_single_column():
    assert solve("S\n.\n.\nG\n") == 3


def test_unreachable_without_walls_around():
    assert solve("S.#.\n..#G\n") is None


def test_detour_along_edges():
    assert solve("S#..\n.#.#\n...G\n") == 5
