import pytest

from roman import chapter_title, from_roman, to_roman


def test_to_roman():
    assert to_roman(1994) == "MCMXCIV"
    assert to_roman(3888) == "MMMDCCCLXXXVIII"


def test_subtractive_pairs():
    assert from_roman("IV") == 4
    assert from_roman("XIV") == 14
    assert from_roman("MCMXC") == 1990


def test_invalid():
    with pytest.raises(ValueError):
        from_roman("ABC")


def test_repeated_symbols():
    assert from_roman("III") == 3
    assert from_roman("MMXXIV") == 2024


def test_chapter_title():
    assert chapter_title(12, "Return") == "Chapter XII: Return"
