import pytest

from toggles import Flag, FlagRegistry, UnknownFlag, bucket, is_enabled


def test_bucket_is_stable_and_in_range():
    assert bucket("new-checkout", "u1") == bucket("new-checkout", "u1")
    assert all(0 <= bucket("f", f"user-{i}") < 100 for i in range(200))


def test_disabled_flag_is_off():
    flag = Flag("dark-mode", enabled=False, allow=frozenset({"u1"}), environments=("prod",))
    assert not is_enabled(flag, "u1", "prod")


def test_flag_limited_to_other_environment_is_off():
    flag = Flag("beta-search", environments=("staging",))
    assert is_enabled(flag, "u1", "staging")
    assert not is_enabled(flag, "u1", "prod")


def test_deny_beats_allow():
    flag = Flag("export", allow=frozenset({"u1"}), deny=frozenset({"u1"}), environments=("prod",))
    assert not is_enabled(flag, "u1", "prod")


def test_flag_without_environments_applies_everywhere():
    flag = Flag("new-nav")
    assert is_enabled(flag, "u1", "prod")
    assert is_enabled(flag, "u1", "dev")


def test_registry_lists_flags_for_user():
    registry = FlagRegistry.from_config({
        "new-nav": {},
        "beta-search": {"environments": ["staging"]},
        "export": {"percent": 0, "allow": ["alice"]},
    }, environment="prod")
    assert registry.enabled_for("alice") == ["export", "new-nav"]


def test_unknown_flag():
    registry = FlagRegistry.from_config({}, environment="prod")
    with pytest.raises(UnknownFlag):
        registry.is_on("nope", "u1")
