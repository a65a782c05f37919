from citrigger import PushEvent, Ref, Rule, jobs_for, parse_ref


def test_branch_names_keep_every_character():
    assert parse_ref("refs/heads/release-2.0") == Ref("branch", "release-2.0")
    assert parse_ref("refs/heads/hotfix/refs-cleanup") == Ref("branch", "hotfix/refs-cleanup")
    assert parse_ref("refs/heads/dependabot/pip/requests-2.32") == Ref(
        "branch", "dependabot/pip/requests-2.32")


def test_tag_names_keep_every_character():
    assert parse_ref("refs/tags/stable") == Ref("tag", "stable")
    assert parse_ref("refs/tags/release/2024-05") == Ref("tag", "release/2024-05")


def test_bare_names_are_untouched():
    assert parse_ref("heads-up") == Ref("branch", "heads-up")
    assert parse_ref("refs-docs") == Ref("branch", "refs-docs")


def test_release_branch_rule():
    rules = [Rule("freeze", branches=("release-*",)), Rule("publish", on_tags=True)]
    assert jobs_for(PushEvent("refs/heads/release-3.1"), rules) == ["freeze"]
    assert jobs_for(PushEvent("refs/tags/reset"), rules) == ["publish"]
