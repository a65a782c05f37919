import pytest

from i18n import Catalog, MissingMessage, fallback_chain, interpolate, plural_category

MESSAGES = {
    "en": {
        "nav": {"home": "Home", "logout": "Log out"},
        "cart": {"items": {"one": "{count} item", "other": "{count} items"}},
        "greeting": "Hello, {name}!",
    },
    "pt": {
        "nav": {"home": "Início"},
        "cart": {"items": {"one": "{count} item", "other": "{count} itens"}},
    },
}


@pytest.fixture
def catalog():
    return Catalog(MESSAGES)


def test_fallback_chain():
    assert fallback_chain("pt-BR") == ["pt-BR", "pt", "en"]
    assert fallback_chain("en") == ["en"]
    with pytest.raises(ValueError):
        fallback_chain("Portuguese")


def test_interpolate():
    assert interpolate("{a} and {b}", {"a": 1, "b": "two"}) == "1 and two"
    with pytest.raises(KeyError):
        interpolate("Hi {name}", {})


def test_plural_category():
    assert [plural_category(n) for n in (0, 1, 2)] == ["other", "one", "other"]


def test_nested_key(catalog):
    assert catalog.translate("en", "nav.home") == "Home"


def test_plural_with_fallback_locale(catalog):
    assert catalog.translate("pt-BR", "cart.items", count=2) == "2 itens"


def test_missing_key_raises(catalog):
    with pytest.raises(MissingMessage):
        catalog.translate("en", "nav.settings")
