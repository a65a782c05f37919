import pytest

from iniconf import ParseError, parse


def test_tab_indented_continuation():
    assert parse("[s]\nk = a\n\tb\n\tc\n") == {"s": {"k": "a\nb\nc"}}


def test_continuation_keeps_following_keys_apart():
    text = "[s]\nfirst = one\n  two\nsecond = three\n"
    assert parse(text) == {"s": {"first": "one\ntwo", "second": "three"}}


def test_continuation_with_an_equals_sign_is_part_of_the_value():
    assert parse("[db]\ndsn = host=a\n  port=5432\n")["db"]["dsn"] == "host=a\nport=5432"


def test_indented_line_before_any_key_is_still_an_error():
    with pytest.raises(ParseError) as err:
        parse("[s]\n   stray\n")
    assert err.value.lineno == 2


def test_indented_comment_is_ignored():
    assert parse("[s]\nk = v\n  # note\n") == {"s": {"k": "v"}}
