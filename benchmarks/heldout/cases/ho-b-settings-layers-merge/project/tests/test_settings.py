from layered import Settings, deep_merge, from_environ

DEFAULTS = {
    "db": {"host": "localhost", "port": 5432, "options": {"sslmode": "prefer"}},
    "cache": {"backend": "redis", "ttl": 300},
    "debug": False,
}


def test_nested_keys_are_merged():
    merged = deep_merge(DEFAULTS, {"db": {"options": {"sslmode": "require"}}})
    assert merged["db"] == {"host": "localhost", "port": 5432, "options": {"sslmode": "require"}}
    assert merged["cache"] == DEFAULTS["cache"]


def test_inputs_are_not_modified():
    override = {"db": {"port": 6543}}
    deep_merge(DEFAULTS, override)
    assert DEFAULTS["db"]["port"] == 5432
    assert override == {"db": {"port": 6543}}


def test_environment_variables():
    env = {"APP__DB__PORT": "6000", "APP__DEBUG": "true", "HOME": "/root", "APP__DB__HOST": "db"}
    assert from_environ(env) == {"db": {"port": 6000, "host": "db"}, "debug": True}


def test_settings_layers_and_get():
    settings = Settings(DEFAULTS, {"debug": True}, from_environ({"APP__DB__HOST": "db.internal"}))
    assert settings.get("db.host") == "db.internal"
    assert settings.get("db.options.sslmode") == "prefer"
    assert settings.get("debug") is True
    assert settings.get("db.nothing", "x") == "x"


def test_layer_can_switch_off_a_section():
    settings = Settings(DEFAULTS, from_environ({"APP__CACHE": "null"}))
    assert settings.get("cache") is None
    assert settings.section("cache") == {}


def test_section_replaced_by_url_string():
    merged = deep_merge(DEFAULTS, {"db": "postgres://db.internal/app"})
    assert merged["db"] == "postgres://db.internal/app"
