import pytest

from citrigger import PushEvent, Ref, Rule, jobs_for, parse_ref

RULES = [
    Rule("test", branches=("*",)),
    Rule("deploy-staging", branches=("main",)),
    Rule("preview", branches=("feature/*",)),
    Rule("publish", on_tags=True, tags=("v*",)),
]


def test_parse_branch_and_tag():
    assert parse_ref("refs/heads/main") == Ref("branch", "main")
    assert parse_ref("refs/tags/v1.2.0") == Ref("tag", "v1.2.0")


def test_bare_name_is_a_branch():
    assert parse_ref("develop") == Ref("branch", "develop")


def test_unsupported_refs():
    with pytest.raises(ValueError):
        parse_ref("refs/pull/12/head")
    with pytest.raises(ValueError):
        parse_ref("  ")


def test_push_to_main():
    assert jobs_for(PushEvent("refs/heads/main"), RULES) == ["test", "deploy-staging"]


def test_push_to_feature_branch():
    assert jobs_for(PushEvent("refs/heads/feature/login"), RULES) == ["test", "preview"]


def test_release_tag():
    assert jobs_for(PushEvent("refs/tags/v2.0.0"), RULES) == ["publish"]


def test_deleted_branch_runs_nothing():
    assert jobs_for(PushEvent("refs/heads/main", deleted=True), RULES) == []
