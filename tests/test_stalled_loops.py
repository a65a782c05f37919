"""The stalled-loop template: the update a ``while`` loop's counter lacks, in each of the three
shapes (missing, in one branch only, jumped over by ``continue``), nothing for a loop that
advances on every path, and a hanging suite repaired end to end."""

from __future__ import annotations

import ast
import io
import textwrap
from pathlib import Path

import pytest
from helpers import write_project
from homeostasis.core.config import Settings
from homeostasis.core.records import Suspect
from homeostasis.loop import Decision, heal
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import Source
from homeostasis.propose.templates.registry import template
from homeostasis.propose.templates.site import Site
from homeostasis.ui import Console

PATH = "pkg/mod.py"


def _programs(code: str, line: int) -> list[str]:
    """Every program the template makes of ``code`` with the suspect on ``line``."""
    text = textwrap.dedent(code)
    site = Site(PATH, Source(text), ast.parse(text), Suspect(PATH, line, 0.9, "sbfl", "r"))
    out = []
    for m in template("stalled_loop")(site):
        new = text[: m.start] + m.replacement + text[m.end :]
        ast.parse(new)
        out.append(new)
    return out


def test_a_counter_never_advanced_gets_an_update_in_its_direction_first() -> None:
    code = """\
        def digits(n):
            count = 0
            while n > 0:
                count += 1
            return count
        """
    first, second = _programs(code, 3)
    assert "        count += 1\n        n -= 1\n    return count" in first
    assert "        n += 1\n" in second
    upward = _programs("def f(xs):\n    i = 0\n    while i < len(xs):\n        xs[i] = 0\n", 4)
    assert upward[0].endswith("        xs[i] = 0\n        i += 1\n")


def test_the_update_goes_before_a_final_jump() -> None:
    code = ("def f(i, n):\n    while i != n:\n        if g(i):\n            return i\n"
            "        continue\n")
    first = _programs(code, 2)[0]
    assert "            return i\n        i += 1\n        continue\n" in first


def test_an_update_in_one_branch_only_is_copied_into_an_else() -> None:
    code = """\
        def skip_blanks(lines):
            i = 0
            while i < len(lines):
                if lines[i]:
                    i += 1
            return i
        """
    (program,) = _programs(code, 4)
    assert "            i += 1\n        else:\n            i += 1\n    return i" in program


def test_an_update_a_continue_jumps_over_is_copied_before_it() -> None:
    code = """\
        def total(xs):
            i, s = 0, 0
            while i < len(xs):
                if xs[i] is None:
                    continue
                s += xs[i]
                i += 1
            return s
        """
    (program,) = _programs(code, 5)
    assert "            i += 1\n            continue\n" in program


def test_a_loop_advanced_on_every_path_is_left_alone() -> None:
    code = """\
        def find(xs, x):
            lo, hi = 0, len(xs)
            while lo < hi:
                mid = (lo + hi) // 2
                if xs[mid] < x:
                    lo = mid + 1
                else:
                    hi = mid
            return lo
        """
    assert _programs(code, 3) == []
    assert _programs("def f(xs):\n    for x in xs:\n        g(x)\n", 3) == []


VOWELS = """\
    def count_vowels(text):
        i, n = 0, 0
        while i < len(text):
            if text[i] in "aeiou":
                n += 1
                i += 1
        return n
    """
VOWELS_TESTS = """\
    from vowels import count_vowels

    def test_empty():
        assert count_vowels("") == 0

    def test_only_vowels():
        assert count_vowels("aei") == 3

    def test_mixed():
        assert count_vowels("banana") == 3
    """


@pytest.mark.e2e
def test_a_suite_that_hangs_in_the_loop_is_repaired(tmp_path: Path) -> None:
    """``count_vowels("banana")`` spins at the ``b``: only vowels advance the loop. The test
    is stopped at its own deadline, the loop is a suspect, and the update is made to happen
    on every path."""
    project = write_project(tmp_path / "p", {"vowels.py": textwrap.dedent(VOWELS),
                                             "tests/test_vowels.py":
                                             textwrap.dedent(VOWELS_TESTS)})
    settings = Settings(jobs=2, timeout=60, test_timeout=3, enough=1)
    result = heal(project, settings, Console(out=io.StringIO()), Decision("apply"),
                  TemplateProposer())
    assert result.outcome.status == "applied", result.outcome
    namespace: dict[str, object] = {}
    exec((project / "vowels.py").read_text(encoding="utf-8"), namespace)  # the fix, applied
    count = namespace["count_vowels"]
    assert callable(count) and count("rhythm") == 0 and count("queue") == 4
