import pytest

from pathfilter import PathFilter, Rule, parse_rules

RULES = """
# build output
build/
*.pyc
/docs/_site
!keep.pyc
"""


def test_parse_rules():
    assert parse_rules(RULES) == [
        Rule("build", dir_only=True),
        Rule("*.pyc"),
        Rule("docs/_site", anchored=True),
        Rule("keep.pyc", negated=True),
    ]


def test_empty_pattern_is_rejected():
    with pytest.raises(ValueError):
        parse_rules("!/\n")


def test_patterns_at_any_depth_and_negation():
    f = PathFilter(RULES)
    assert f.is_ignored("pkg/mod.pyc")
    assert not f.is_ignored("pkg/keep.pyc")
    assert not f.is_ignored("pkg/mod.py")


def test_directory_rules_and_anchoring():
    f = PathFilter(RULES)
    assert f.is_ignored("build/lib/x.py")
    assert not f.is_ignored("src/build")
    assert f.is_ignored("docs/_site/index.html")
    assert not f.is_ignored("api/docs/_site/index.html")


def test_matching_respects_case_by_default():
    f = PathFilter("*.log\n")
    assert f.is_ignored("app.log")
    assert not f.is_ignored("APP.LOG")


def test_case_insensitive_filter():
    f = PathFilter("Thumbs.db\n", case_sensitive=False)
    assert f.filter(["a/thumbs.db", "a/photo.jpg", "THUMBS.DB"]) == ["a/photo.jpg"]
