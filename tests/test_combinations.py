"""Two-location candidates: pairs of single edits (the best few of each site, a half fix
first), and the same edit repeated elsewhere."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from homeostasis.core.records import Context, Suspect, Trial
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.combinations import (
    MAX_REPEATED,
    Single,
    pairs,
    per_site,
    repeated,
    with_partners,
)
from homeostasis.propose.templates.engine import TemplateProposer
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


def test_per_site_takes_the_best_few_of_each_of_the_first_sites() -> None:
    a1, a2, a3 = (single(CODE, 2, "1e6", new) for new in ("1e5", "1e7", "1e4"))
    b1 = single(CODE, 6, "1e6", "1e5")
    c1 = single(CODE, 9, "1e6", "1e5")
    assert per_site([a1, a2, a3, b1, c1], sites=2, each=2) == [a1, a2, b1]


def test_with_partners_pairs_each_half_fix_with_every_other_line_best_first() -> None:
    half = single(CODE, 2, "1e6", "1e5")
    low = dataclasses.replace(single(CODE, 6, "1e6", "1e7"), priority=0.1)
    high = dataclasses.replace(single(CODE, 9, "1e6", "1e5"), priority=0.8)
    same_line = single(CODE, 2, "*", "/", "arithmetic")
    found = list(with_partners([half], [low, same_line, half, high]))
    assert [(p.first, p.second) for p in found] == [(half, high), (half, low)]


FAULTS = """\
def lowest(scores):
    return max(scores)


def ranking(scores):
    return sorted(scores, reverse=True)
"""


def _engine(tmp_path: Path) -> tuple[TemplateProposer, RepairTask]:
    (tmp_path / "golf.py").write_text(FAULTS, encoding="utf-8")
    suspects = (Suspect("golf.py", 2, 1.0, "sbfl", "r"), Suspect("golf.py", 6, 0.9, "sbfl", "r"))
    return TemplateProposer(), RepairTask(tmp_path, (), suspects, Context((), 0, 0))


def test_a_half_fix_is_paired_first_with_the_best_edits_of_the_other_sites(
        tmp_path: Path) -> None:
    proposer, task = _engine(tmp_path)
    stream = proposer.propose(task, 10_000)
    singles = []
    for candidate in stream:
        if candidate.round == 2:
            break
        singles.append(candidate)
        if "sorted(scores)" in candidate.edits[0].replace:  # it fixes one of two tests
            fixed = Trial(candidate.id, "failed", "still failing: test_lowest",
                          {"tests/test_golf.py::test_ranking": True,
                           "tests/test_golf.py::test_lowest": False})
            proposer.observe(candidate, fixed)
    first_pair = candidate
    assert first_pair.round == 2
    assert "+    return sorted(scores)\n" in first_pair.diff
    pairs_seen = [first_pair, *(c for c in stream if c.round == 2)]
    both = [c for c in pairs_seen
            if "min(scores)" in c.diff and "+    return sorted(scores)\n" in c.diff]
    assert both and pairs_seen.index(both[0]) < 10


def test_without_a_half_fix_the_best_edits_of_each_site_are_paired(tmp_path: Path) -> None:
    proposer, task = _engine(tmp_path)
    pairs_seen = [c for c in proposer.propose(task, 10_000) if c.round == 2]
    assert all(len({e.path for e in c.edits}) == 1 for c in pairs_seen)
    assert any("min(scores)" in c.diff and "+    return sorted(scores)\n" in c.diff
               for c in pairs_seen[:12])


def test_a_half_fix_meets_the_best_partner_of_every_line_before_any_second_best() -> None:
    half = single(CODE, 2, "1e6", "1e5")
    first6, second6 = (dataclasses.replace(single(CODE, 6, "1e6", new), priority=p)
                       for new, p in (("1e7", 0.9), ("1e4", 0.8)))
    first9 = dataclasses.replace(single(CODE, 9, "1e6", "1e5"), priority=0.2)
    found = [p.second for p in with_partners([half], [second6, first9, first6])]
    assert found == [first6, first9, second6]


def test_a_half_fix_meets_partners_in_other_functions_first() -> None:
    code = "def encode(x):\n    y = x * 1e6\n    return round(y)\n\n\ndef decode(v):\n" \
           "    return v / 1e6\n"
    half = single(code, 2, "1e6", "1e5")
    near = dataclasses.replace(single(code, 3, "round", "int", "called function"),
                               priority=0.9)
    other = dataclasses.replace(single(code, 7, "1e6", "1e5"), priority=0.2)
    assert [p.second for p in with_partners([half], [near, other])] == [other, near]
