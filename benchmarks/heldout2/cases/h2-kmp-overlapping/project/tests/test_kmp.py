import pytest

from textsearch import count, find_all, prefix_function


def test_prefix_function():
    assert prefix_function("abcabd") == [0, 0, 0, 1, 2, 0]
    assert prefix_function("aaaa") == [0, 1, 2, 3]


def test_simple_matches():
    assert find_all("the cat sat on the mat", "at") == [5, 9, 20]


def test_no_match():
    assert find_all("abc", "abcd") == []
    assert count("hello", "z") == 0


def test_empty_pattern_rejected():
    with pytest.raises(ValueError):
        find_all("abc", "")


def test_overlapping_matches():
    assert find_all("aaaa", "aa") == [0, 1, 2]
