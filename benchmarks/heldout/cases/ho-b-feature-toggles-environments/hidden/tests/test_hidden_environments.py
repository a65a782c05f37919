from toggles import Flag, FlagRegistry, bucket, is_enabled


def test_allowlisted_user_without_environment_limit():
    flag = Flag("reports", percent=0, allow=frozenset({"bob"}))
    assert is_enabled(flag, "bob", "prod")
    assert not is_enabled(flag, "carol", "prod")


def test_environment_limit_still_applies():
    flag = Flag("reports", environments=("prod", "staging"))
    assert is_enabled(flag, "bob", "staging")
    assert not is_enabled(flag, "bob", "dev")


def test_rollout_without_environment_limit_follows_buckets():
    flag = Flag("search-v2", percent=30)
    users = [f"user-{i}" for i in range(50)]
    expected = [u for u in users if bucket("search-v2", u) < 30]
    assert [u for u in users if is_enabled(flag, u, "prod")] == expected
    assert expected


def test_registry_is_on_for_unrestricted_flag():
    registry = FlagRegistry.from_config({"banner": {"deny": ["eve"]}}, environment="dev")
    assert registry.is_on("banner", "bob")
    assert not registry.is_on("banner", "eve")
