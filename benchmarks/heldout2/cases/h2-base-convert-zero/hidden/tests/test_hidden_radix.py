"""Zero in every base and through short_id, plus a wide roundtrip against int():
rules out patches that return '0' only for base 2 or break negatives."""
from shortid.radix import from_base, short_id, to_base


def test_zero_any_base():
    for base in (2, 8, 10, 16, 36, 62):
        assert to_base(0, base) == "0"


def test_short_id_zero():
    assert short_id(0) == "000000"


def test_roundtrip_against_int():
    for base in (2, 3, 10, 16, 36):
        for n in range(-300, 300):
            s = to_base(n, base)
            assert int(s, base) == n
            assert from_base(s, base) == n
