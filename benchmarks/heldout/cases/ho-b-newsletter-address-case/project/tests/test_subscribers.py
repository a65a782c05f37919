import pytest

from newsletter import InvalidAddress, SubscriberList, normalize


def test_normalize():
    assert normalize("  Ann.Lee@Example.COM ") == "ann.lee@example.com"


def test_invalid_addresses():
    for bad in ["", "ann", "ann@", "@example.com", "ann@example", "a b@example.com"]:
        with pytest.raises(InvalidAddress):
            normalize(bad)


def test_subscribe_twice_in_other_case():
    subs = SubscriberList()
    assert subs.subscribe("ann@example.com", "Ann")
    assert not subs.subscribe("ANN@example.com")
    assert len(subs) == 1


def test_recipients_by_topic():
    subs = SubscriberList()
    subs.subscribe("zed@example.com", topics=frozenset({"releases"}))
    subs.subscribe("Amy@Example.com", topics=frozenset({"releases", "events"}))
    subs.subscribe("bob@example.com", topics=frozenset({"events"}))
    assert subs.recipients("releases") == ["amy@example.com", "zed@example.com"]
    assert subs.recipients() == ["amy@example.com", "bob@example.com", "zed@example.com"]


def test_unsubscribe_in_other_case():
    subs = SubscriberList()
    subs.subscribe("ann@example.com")
    assert subs.unsubscribe("Ann@Example.com")
    assert subs.recipients() == []


def test_is_subscribed_ignores_case_and_spaces():
    subs = SubscriberList()
    subs.subscribe(" Bob@Example.com")
    assert subs.is_subscribed("bob@example.com ")


def test_unsubscribe_unknown():
    subs = SubscriberList()
    assert not subs.unsubscribe("nobody@example.com")
