from versioning import Version, satisfies


def test_spec_precedence_example():
    chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
             "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"]
    shuffled = list(reversed(chain))
    assert [str(v) for v in sorted(Version.parse(s) for s in shuffled)] == chain


def test_release_is_newer_from_both_sides():
    release, pre = Version.parse("3.1.0"), Version.parse("3.1.0-rc.1")
    assert release > pre
    assert pre < release
    assert release.compare(pre) == 1 and pre.compare(release) == -1


def test_prerelease_below_exclusive_upper_bound():
    assert satisfies("2.0.0-beta", "<2.0.0")
    assert not satisfies("2.0.0-beta", ">=2.0.0")


def test_build_metadata_is_ignored():
    assert Version.parse("1.0.0+a") == Version.parse("1.0.0+b")
