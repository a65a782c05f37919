from textwrapper import fill, quote_reply, wrap


def test_empty_text():
    assert wrap("", 10) == []


def test_short_text_single_line():
    assert wrap("hello   world", 20) == ["hello world"]


def test_long_word_alone():
    assert wrap("a supercalifragilistic b", 5) == ["a", "supercalifragilistic", "b"]


def test_lines_never_exceed_width():
    lines = wrap("the quick brown fox jumps over the lazy dog", 9)
    assert lines == ["the quick", "brown fox", "jumps", "over the", "lazy dog"]


def test_quote_reply():
    assert quote_reply("one two three four", width=10) == "> one two\n> three\n> four"


def test_wrap_at_ten_columns():
    lines = wrap("the quick brown fox jumps over the lazy dog", 10)
    assert lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
