from typeset import fill, wrap


def test_single_short_word():
    assert wrap("hello", 20) == ["hello"]


def test_long_word_is_cut_and_the_rest_kept():
    assert wrap("ab abcdefghij xy", 4) == ["ab", "abcd", "efgh", "ij", "xy"]
    assert wrap("abcdefgh", 4) == ["abcd", "efgh"]


def test_fill_keeps_last_line_of_each_paragraph():
    text = "one two three\n\nfour five six seven"
    assert fill(text, 9) == "one two\nthree\n\nfour five\nsix seven"


def test_whitespace_only_paragraphs_produce_nothing():
    assert wrap(" \t ", 5) == []
    assert fill("\n\n\n", 5) == ""
