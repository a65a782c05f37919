from newsletter import SubscriberList


def test_is_subscribed_in_any_case():
    subs = SubscriberList()
    subs.subscribe("carol@example.org")
    assert subs.is_subscribed("CAROL@EXAMPLE.ORG")
    assert subs.is_subscribed("  carol@example.org\t")
    assert not subs.is_subscribed("carol@example.com")


def test_unsubscribe_with_spaces_then_lookup():
    subs = SubscriberList()
    subs.subscribe("Dave@Example.net")
    assert subs.unsubscribe("  dave@example.NET  ")
    assert not subs.is_subscribed("dave@example.net")
    assert len(subs) == 0


def test_unsubscribe_twice():
    subs = SubscriberList()
    subs.subscribe("erin@example.com")
    assert subs.unsubscribe("ERIN@example.com")
    assert not subs.unsubscribe("erin@example.com")


def test_resubscribe_after_unsubscribe():
    subs = SubscriberList()
    subs.subscribe("fay@example.com", "Fay")
    subs.unsubscribe("FAY@example.com")
    assert subs.subscribe("fay@example.com", "Fay")
    assert subs.is_subscribed("Fay@example.com")
