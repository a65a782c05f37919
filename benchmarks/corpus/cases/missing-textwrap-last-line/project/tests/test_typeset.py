import pytest

from typeset import justify_line, justify_text, wrap
from typeset.wrap import paragraphs


def test_wrap_keeps_every_word():
    text = "the quick brown fox jumps over the lazy dog"
    assert wrap(text, 10) == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]


def test_no_line_is_wider_than_width():
    text = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do"
    assert all(len(line) <= 12 for line in wrap(text, 12))


def test_empty_text_has_no_lines():
    assert wrap("", 20) == []
    assert wrap("   \n ", 20) == []


def test_invalid_width():
    with pytest.raises(ValueError):
        wrap("abc", 0)


def test_paragraphs_are_split_on_blank_lines():
    assert paragraphs("one\ntwo\n\n  three  \n") == ["one two", "three"]


def test_justify_line_spreads_spaces_from_the_left():
    assert justify_line("a bb c", 11) == "a    bb   c"
    assert justify_line("word", 6) == "word  "


def test_justify_text_leaves_last_line_ragged():
    assert justify_text("aa bb cc dd", 7) == "aa   bb\ncc dd"
