import pytest

from iniconf import Config, ParseError, load

BASIC = """
# service settings
[server]
host = example.org
port = 8080
debug = off

[paths]
root = /srv/app
"""


def test_sections_and_values():
    cfg = Config.from_text(BASIC)
    assert cfg.sections() == ["server", "paths"]
    assert cfg.get("server", "Host") == "example.org"
    assert cfg.getint("server", "port") == 8080
    assert cfg.getbool("server", "debug") is False


def test_defaults():
    cfg = Config.from_text(BASIC)
    assert cfg.getint("server", "workers", 4) == 4
    with pytest.raises(KeyError):
        cfg.get("paths", "cache")


def test_duplicate_key_is_an_error():
    with pytest.raises(ParseError) as err:
        Config.from_text("[a]\nx = 1\nx = 2\n")
    assert err.value.lineno == 3


def test_key_outside_section():
    with pytest.raises(ParseError):
        Config.from_text("x = 1\n")


def test_multiline_value():
    cfg = Config.from_text("[mail]\nfooter = Regards,\n    The Team\n")
    assert cfg.get("mail", "footer") == "Regards,\nThe Team"


def test_list_over_several_lines(tmp_path):
    path = tmp_path / "app.ini"
    path.write_text("[plugins]\nenabled = auth, cache\n  metrics\n  search, \n", encoding="utf-8")
    assert load(path).getlist("plugins", "enabled") == ["auth", "cache", "metrics", "search"]
