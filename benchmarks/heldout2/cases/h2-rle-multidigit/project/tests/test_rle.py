import pytest

from rle import DecodeError, decode, encode


def test_encode():
    assert encode("aaabcc") == "3a1b2c"
    assert encode("") == ""


def test_encode_long_run():
    assert encode("x" * 12) == "12x"


def test_decode_single_digit_counts():
    assert decode("3a1b2c") == "aaabcc"


def test_decode_errors():
    with pytest.raises(DecodeError):
        decode("ab")
    with pytest.raises(DecodeError):
        decode("2a3")


def test_roundtrip_long_runs():
    text = "w" * 15 + "b" + "w" * 10
    assert decode(encode(text)) == text
