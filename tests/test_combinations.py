"""Two-location candidates: pairs of single edits, and the same edit repeated elsewhere."""

from __future__ import annotations

import ast

from homeostasis.core.records import Suspect
from homeostasis.propose.templates.combinations import MAX_REPEATED, Single, pairs, repeated
from homeostasis.propose.templates.mutations import OPERATOR, Mutation, Source
from homeostasis.propose.templates.site import Site

CODE = (
    "def encode(x):\n"
    "    return round(x * 1e6)\n"
    "\n"
    "\n"
    "def decode(v):\n"
    "    return v / 1e6\n"
    "\n"
    "\n"
    "LIMIT = 1e6\n"
)


def single(text: str, line: int, old: str, new: str, label: str = "constant") -> Single:
    site = Site("codec.py", Source(text), ast.parse(text),
                Suspect("codec.py", line, 0.9, "sbfl", "r"))
    start = text.index(old, Source(text).line_start(line))
    return Single(0.9, site, Mutation(start, start + len(old), new, label,
                                      (start, start + len(old)), tier=OPERATOR))


def test_the_same_edit_is_repeated_at_other_suspect_lines_only() -> None:
    first = single(CODE, 2, "1e6", "1e5")
    [pair] = list(repeated([first], {("codec.py", 2), ("codec.py", 6)}))
    assert pair.texts["codec.py"] == CODE.replace("x * 1e6", "x * 1e5").replace(
        "v / 1e6", "v / 1e5")
    assert "LIMIT = 1e6" in pair.texts["codec.py"]  # line 9 is not a suspect


def test_names_are_not_repeated() -> None:
    rename = single(CODE, 2, "x", "y", "variable")
    assert list(repeated([rename], {("codec.py", 2), ("codec.py", 6)})) == []


def test_repeated_edits_are_capped() -> None:
    text = "".join(f"A{i} = 1e6\n" for i in range(40))
    lines = {("codec.py", n) for n in range(1, 41)}
    assert len(list(repeated([single(text, 1, "1e6", "1e5")], lines))) == MAX_REPEATED


def test_pairs_combine_two_lines_same_kind_first() -> None:
    a = single(CODE, 2, "*", "/", "arithmetic")
    b = single(CODE, 6, "/", "*", "arithmetic")
    c = single(CODE, 6, "1e6", "1e5", "constant")
    found = list(pairs([a, c, b]))
    assert found[0].first is a and found[0].second is b  # the same mistake made twice
    assert all(p.first.site.suspect.line != p.second.site.suspect.line for p in found)
    assert found[0].texts["codec.py"] == CODE.replace("x * 1e6", "x / 1e6").replace(
        "v / 1e6", "v * 1e6")


def test_annotations_are_not_mutated() -> None:
    text = "def f(xs: list[int], n: int = 1) -> dict[str, int]:\n    total: list[int] = xs\n"
    tree = ast.parse(text)
    for line in (1, 2):
        site = Site("m.py", Source(text), tree, Suspect("m.py", line, 1.0, "sbfl", "r"))
        subscripts = [n for n in site.nodes() if isinstance(n, ast.Subscript)]
        assert subscripts == []
