from changelog import classify, release_notes


def test_each_prefix_removed_exactly_once():
    cases = {
        "chore/cleanup-ci": "cleanup-ci",
        "hotfix/hot-reload": "hot-reload",
        "feat/feature-flags": "feature-flags",
        "docs/docs-site": "docs-site",
        "fix/fix-flaky-test": "fix-flaky-test",
    }
    for name, slug in cases.items():
        assert classify(name).slug == slug, name


def test_ticket_after_prefix_with_shared_letters():
    b = classify("feature/FE-9-team-view")
    assert (b.ticket, b.slug) == ("FE-9", "team-view")


def test_notes_titles_intact():
    notes = release_notes("2.0.0", ["fix/race-in-queue", "feature/user-roles"])
    assert "- Race in queue\n" in notes
    assert "- User roles\n" in notes
