from authz.grants import Policy, matches


def test_exact():
    assert matches("docs.read", "docs.read")
    assert not matches("docs.read", "docs.write")


def test_star_matches_all():
    assert Policy(["*"]).allows("billing.refund")


def test_namespace_wildcard():
    assert matches("docs.*", "docs.read")
    assert matches("docs.*", "docs.admin.delete")


def test_deny_wins():
    policy = Policy.parse("docs.*, !docs.delete")
    assert policy.filter(["docs.read", "docs.delete"]) == ["docs.read"]


def test_wildcard_does_not_leak_into_similar_names():
    policy = Policy.parse("docs.*")
    assert not policy.allows("docsearch.reindex")
