import pytest

from mailtpl import EmailTemplate, MissingValue, UnknownFilter, render


def test_plain_placeholders():
    assert render("Hi {{name}}, you have {{ count }} items", {"name": "Ann", "count": 3}) == \
        "Hi Ann, you have 3 items"


def test_dotted_lookup():
    ctx = {"order": {"id": 42, "customer": {"name": "Bob"}}}
    assert render("Order #{{order.id}} for {{order.customer.name}}", ctx) == "Order #42 for Bob"


def test_missing_value():
    with pytest.raises(MissingValue):
        render("{{ nope }}", {})


def test_filter():
    assert render("{{total|money}}", {"total": "1234.5"}) == "$1,234.50"


def test_unknown_filter():
    with pytest.raises(UnknownFilter):
        render("{{name|shout}}", {"name": "x"})


def test_filter_with_spaces():
    assert render("Dear {{ name | title }},", {"name": "ann lee"}) == "Dear Ann Lee,"


def test_order_confirmation_email():
    template = EmailTemplate(
        subject="Order {{ order.id }} confirmed",
        body="Hello {{ customer | title }}, your total is {{ order.total | money }}.",
    )
    email = template.render("ann@example.com", {"customer": "ann", "order": {"id": 7, "total": 19.9}})
    assert email.body == "Hello Ann, your total is $19.90."
    assert template.fields() == ["order.id", "customer", "order.total"]
