from pathfilter import PathFilter


def test_case_sensitive_directory_rule():
    f = PathFilter("Build/\n")
    assert f.is_ignored("Build/out.o")
    assert not f.is_ignored("build/out.o")


def test_case_insensitive_anchored_rule_and_negation():
    f = PathFilter("/Docs/*.TMP\n!/docs/KEEP.tmp\n", case_sensitive=False)
    assert f.is_ignored("docs/a.tmp")
    assert not f.is_ignored("DOCS/keep.TMP")
    assert not f.is_ignored("other/docs/a.tmp")


def test_case_sensitive_negation_needs_exact_case():
    f = PathFilter("*.bak\n!Keep.bak\n")
    assert not f.is_ignored("Keep.bak")
    assert f.is_ignored("keep.bak")


def test_filter_keeps_order_and_directories():
    f = PathFilter("*.TXT\nTmp/\n", case_sensitive=False)
    assert f.filter(["a.txt", "tmp/", "src/", "b.md", "TMP/x"]) == ["src/", "b.md"]
