import pytest

from release.versions import bump, compare, latest, parse, satisfies


def test_single_digit_compare():
    assert compare("1.2.3", "1.2.4") == -1
    assert compare("2.0.0", "1.9.9") == 1
    assert compare("v1.0.0", "1.0.0") == 0


def test_bump():
    assert bump("1.4.9", "patch") == "1.4.10"
    assert bump("1.4.9", "minor") == "1.5.0"


def test_invalid():
    with pytest.raises(ValueError):
        parse("1.2")


def test_double_digit_minor():
    assert compare("1.10.0", "1.9.0") == 1
    assert latest(["1.9.0", "1.10.0", "1.2.0"]) == "1.10.0"


def test_minimum_version():
    assert satisfies("3.10.1", "3.8.0")
