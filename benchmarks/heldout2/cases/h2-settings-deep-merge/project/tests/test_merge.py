from settings.merge import deep_merge, flatten, from_env, layered

DEFAULTS = {"debug": False, "db": {"host": "localhost", "port": 5432}, "workers": 2}


def test_top_level_override():
    assert deep_merge(DEFAULTS, {"debug": True})["debug"] is True


def test_new_nested_section():
    merged = deep_merge(DEFAULTS, {"cache": {"ttl": 60}})
    assert merged["cache"] == {"ttl": 60}


def test_from_env():
    assert from_env({"APP__DB__HOST": "db1", "PATH": "/bin"}) == {"db": {"host": "db1"}}


def test_flatten():
    assert list(flatten({"a": {"b": 1}, "c": 2})) == ["a.b=1", "c=2"]


def test_nested_override_keeps_siblings():
    merged = deep_merge(DEFAULTS, {"db": {"host": "db.internal"}})
    assert merged["db"] == {"host": "db.internal", "port": 5432}


def test_env_layer_wins():
    merged = layered(DEFAULTS, {"db": {"port": 6432}}, from_env({"APP__DB__HOST": "db1"}))
    assert merged["db"] == {"host": "db1", "port": 6432}
