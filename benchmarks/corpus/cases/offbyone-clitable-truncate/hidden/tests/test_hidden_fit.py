from clitable import Column, fit, render


def test_fit_exact_width_unchanged():
    assert fit("exact", 5) == "exact"


def test_fit_one_over():
    assert fit("abcdef", 5) == "abcd…"


def test_fit_width_one_and_two():
    assert fit("hello", 1) == "…"
    assert fit("hello", 2) == "h…"


def test_fit_never_exceeds_width():
    for width in range(1, 12):
        for n in range(0, 15):
            text = "x" * n
            out = fit(text, width)
            assert len(out) == min(n, width)


def test_long_header_is_cut_and_aligned():
    cols = [Column("Description", "d", max_width=5), Column("N", "n")]
    lines = render(cols, [{"d": "ok", "n": 1}]).splitlines()
    assert lines[1] == "| Desc… | N |"
    assert len({len(line) for line in lines}) == 1
