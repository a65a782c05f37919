"""Several '=' in a value and an '=' right after the key: rules out rsplit (which would
move text into the key) and patches that only rejoin the last two parts."""
import pytest

from appconfig.loader import ConfigError, parse


def test_many_equals_signs():
    cfg = parse("[x]\nexpr = a=b=c\nsep = =\n")
    assert cfg["x"] == {"expr": "a=b=c", "sep": "="}


def test_key_with_spaces_and_base64_value():
    cfg = parse("[auth]\napi token = c2VjcmV0==\n")
    assert cfg["auth"]["api token"] == "c2VjcmV0=="


def test_empty_key_still_rejected():
    with pytest.raises(ConfigError):
        parse("[x]\n= value\n")
