from changelog import classify, release_notes


def test_feature_branch():
    b = classify("feature/login-page")
    assert (b.kind, b.slug, b.title) == ("feature", "login-page", "Login page")


def test_ticket_is_split_off():
    b = classify("fix/OPS-112-null-header")
    assert (b.kind, b.ticket, b.slug) == ("fix", "OPS-112", "null-header")


def test_remote_prefix_ignored():
    assert classify("origin/docs/install-guide").kind == "docs"


def test_unknown_kind_keeps_name():
    b = classify("experiment-cache")
    assert (b.kind, b.slug) == ("other", "experiment-cache")


def test_slug_starting_with_prefix_letters():
    assert classify("feature/reports").slug == "reports"
    assert classify("fix/index-rebuild").slug == "index-rebuild"


def test_release_notes():
    notes = release_notes("1.4.0", ["feature/export-csv", "fix/timeout", "chore/bump-deps",
                                     "feature/audit-trail"])
    assert notes == (
        "## 1.4.0\n\n"
        "### Features\n"
        "- Audit trail\n"
        "- Export csv\n\n"
        "### Fixes\n"
        "- Timeout\n"
    )
