import pytest

from shortid.radix import from_base, short_id, to_base


def test_binary_and_hex():
    assert to_base(10, 2) == "1010"
    assert to_base(255, 16) == "ff"


def test_negative():
    assert to_base(-42, 10) == "-42"


def test_from_base():
    assert from_base("zz", 36) == 1295
    with pytest.raises(ValueError):
        from_base("2", 2)


def test_short_id_padding():
    assert short_id(61) == "00000Z"


def test_zero():
    assert to_base(0, 2) == "0"


def test_roundtrip_small_numbers():
    for n in range(0, 100):
        assert from_base(to_base(n, 7), 7) == n
