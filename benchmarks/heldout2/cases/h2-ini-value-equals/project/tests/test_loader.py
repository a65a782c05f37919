import pytest

from appconfig.loader import ConfigError, get, parse

SAMPLE = """
# service settings
[server]
host = 0.0.0.0
port = 8080
debug = off

[limits]
timeout = 2.5
name = "edge node"
"""


def test_basic_sections():
    cfg = parse(SAMPLE)
    assert cfg["server"] == {"host": "0.0.0.0", "port": 8080, "debug": False}
    assert cfg["limits"] == {"timeout": 2.5, "name": "edge node"}


def test_dotted_get():
    assert get(parse(SAMPLE), "server.port") == 8080
    assert get(parse(SAMPLE), "server.missing", 1) == 1


def test_key_outside_section():
    with pytest.raises(ConfigError):
        parse("a = 1\n")


def test_line_without_equals():
    with pytest.raises(ConfigError, match="line 2"):
        parse("[x]\njust words\n")


def test_value_containing_equals():
    cfg = parse("[db]\nurl = postgres://db/app?sslmode=require\n")
    assert cfg["db"]["url"] == "postgres://db/app?sslmode=require"
