import pytest

from versioning import Version, VersionError, max_satisfying, satisfies


def test_parse_and_str_round_trip():
    v = Version.parse("1.4.2-beta.3+build.7")
    assert (v.major, v.minor, v.patch) == (1, 4, 2)
    assert v.prerelease == ("beta", "3")
    assert str(v) == "1.4.2-beta.3+build.7"


def test_invalid_version():
    with pytest.raises(VersionError):
        Version.parse("1.02.3")


def test_core_ordering():
    assert Version.parse("1.9.0") < Version.parse("1.10.0")
    assert Version.parse("2.0.0") > Version.parse("1.99.99")


def test_prerelease_is_older_than_release():
    assert Version.parse("1.0.0-alpha") < Version.parse("1.0.0")


def test_numeric_prerelease_identifiers():
    assert Version.parse("1.0.0-rc.2") < Version.parse("1.0.0-rc.10")


def test_caret_range():
    assert satisfies("1.7.3", "^1.4.0")
    assert not satisfies("2.0.0", "^1.4.0")


def test_latest_release_in_range():
    found = max_satisfying(["1.2.0", "1.3.0-rc.1", "1.3.0", "2.0.0"], ">=1.0.0 <2.0.0")
    assert found == "1.3.0"
