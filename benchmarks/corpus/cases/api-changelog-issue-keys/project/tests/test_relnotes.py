import pytest

from relnotes import Subject, issue_key, parse_log, parse_subject, render

LOG = """\
a1b2c3d feat(cart): save carts between sessions (SHOP-12)
b2c3d4e fix: rounding of discounts, closes SHOP-40
c3d4e5f chore: bump dependencies
d4e5f6a SHOP-7 tidy up README
e5f6a7b feat!: drop the legacy checkout API
"""


def test_parse_log():
    commits = parse_log(LOG.splitlines() + [""])
    assert len(commits) == 5
    assert commits[2].sha == "c3d4e5f"
    with pytest.raises(ValueError):
        parse_log(["not-a-sha subject"])


def test_parse_subject():
    assert parse_subject("fix(api)!: rename field") == Subject("fix", "api", True,
                                                                "rename field")
    assert parse_subject("Merge branch 'main'") == Subject(None, None, False,
                                                           "Merge branch 'main'")


def test_issue_key_at_the_start():
    assert issue_key("SHOP-7 tidy up README") == "SHOP-7"


def test_no_issue_key():
    assert issue_key("fix: typo in docs") is None


def test_issue_key_after_the_prefix():
    assert issue_key("fix: rounding of discounts, closes SHOP-40") == "SHOP-40"


def test_render():
    assert render("1.4.0", parse_log(LOG.splitlines())) == (
        "## 1.4.0\n"
        "\n### Breaking changes\n"
        "- drop the legacy checkout API [e5f6a7b]\n"
        "\n### Features\n"
        "- save carts between sessions (SHOP-12) [a1b2c3d]\n"
        "\n### Bug fixes\n"
        "- rounding of discounts, closes SHOP-40 [b2c3d4e]\n"
        "\nIssues: SHOP-12, SHOP-40, SHOP-7"
    )
