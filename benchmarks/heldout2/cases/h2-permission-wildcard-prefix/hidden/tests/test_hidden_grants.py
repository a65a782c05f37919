"""The namespace itself is not covered by its wildcard, nested wildcards work at any
depth, and similar names deny correctly: rules out comparing only the first segment."""
from authz.grants import Policy, matches


def test_namespace_itself_not_covered():
    assert not matches("docs.*", "docs")


def test_nested_wildcard():
    assert matches("billing.invoices.*", "billing.invoices.void")
    assert matches("billing.invoices.*", "billing.invoices.a.b")
    assert not matches("billing.invoices.*", "billing.invoicesx.void")
    assert not matches("billing.invoices.*", "billing.refund")


def test_deny_wildcard_similar_names():
    policy = Policy.parse("*, !admin.*")
    assert policy.allows("administration.view")
    assert not policy.allows("admin.users")
