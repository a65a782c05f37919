from relnotes import Commit, Subject, issue_key, parse_subject, render


def test_key_in_scope_or_trailer():
    assert issue_key("feat(PAY-3): split payments") == "PAY-3"
    assert issue_key("perf: faster search [SRCH-1024]") == "SRCH-1024"


def test_first_of_several_keys():
    assert issue_key("fix: race in sync (SYNC-9, SYNC-10)") == "SYNC-9"


def test_lookalikes_are_not_keys():
    assert issue_key("fix: handle the X-1 edge case") is None
    assert issue_key("chore: upgrade to python-3") is None


def test_type_prefix_only_counts_at_the_start():
    assert parse_subject("docs: explain fix: prefixes") == Subject(
        "docs", None, False, "explain fix: prefixes")
    assert parse_subject("Revert 'feat: beta flag'").type is None


def test_perf_section():
    notes = render("2.0.1", [Commit("abcdef1", "perf(db): add index for OPS-5 query")])
    assert notes == ("## 2.0.1\n\n### Performance\n- add index for OPS-5 query [abcdef1]\n"
                     "\nIssues: OPS-5")
