import pytest

from i18n import Catalog, MissingMessage

MESSAGES = {
    "en": {
        "greeting": "Hello, {name}!",
        "errors": {"auth": {"expired": "Session expired", "denied": "Access denied"}},
        "nav": {"home": "Home", "logout": "Log out"},
        "cart": {"items": {"one": "{count} item", "other": "{count} items"}},
    },
    "de": {"nav": {"home": "Startseite"}, "errors": {"auth": {"denied": "Zugriff verweigert"}}},
}


def test_top_level_key():
    assert Catalog(MESSAGES).translate("en", "greeting", name="Ana") == "Hello, Ana!"


def test_three_levels_deep_and_falls_back_per_key():
    cat = Catalog(MESSAGES)
    assert cat.translate("de", "errors.auth.denied") == "Zugriff verweigert"
    assert cat.translate("de", "errors.auth.expired") == "Session expired"
    assert cat.translate("de", "nav.logout") == "Log out"


def test_singular_form():
    assert Catalog(MESSAGES).translate("en", "cart.items", count=1) == "1 item"


def test_missing_keys():
    cat = Catalog(MESSAGES)
    with pytest.raises(MissingMessage):
        cat.message("en", "errors.auth.timeout")
    with pytest.raises(MissingMessage):
        cat.message("en", "greeting.formal")
    with pytest.raises(MissingMessage):
        cat.message("de", "footer")


def test_has():
    cat = Catalog(MESSAGES)
    assert cat.has("en", "nav.home")
    assert cat.has("de", "cart.items")
    assert not cat.has("en", "nav")
    assert not cat.has("en", "nav.help")
