"""Full round trip 1..3999: rules out special-casing 'II'/'III' or only fixing pairs
at the start of the numeral."""
from roman import from_roman, to_roman


def test_roundtrip_all():
    for n in range(1, 4000):
        assert from_roman(to_roman(n)) == n


def test_lowercase_and_spaces():
    assert from_roman(" xxx ") == 30
    assert from_roman("cc") == 200
