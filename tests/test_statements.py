"""Statement-level templates: each on small realistic code, where it does not apply, its cap,
and the template proposer finding the fix with them."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import OTHER, STRUCTURE, Mutation, Source
from homeostasis.propose.templates.registry import CAP, TEMPLATES, template
from homeostasis.propose.templates.site import Site, SiteTemplate

#: The statement templates, in the order the engine lists their edits within a tier.
STATEMENTS = [t for t in TEMPLATES if t.family in (
    "wrong_returns", "missing_statements", "stray_statements")]


def _site(code: str, line: int) -> Site:
    text = textwrap.dedent(code)
    return Site("pkg/mod.py", Source(text), ast.parse(text),
                Suspect("pkg/mod.py", line, 0.9, "sbfl", "r"))


def _apply(site: Site, mutation: Mutation) -> str:
    old = site.source.text
    return old[: mutation.start] + mutation.replacement + old[mutation.end :]


def _results(template: SiteTemplate, code: str, line: int) -> list[str]:
    site = _site(code, line)
    found = [_apply(site, m) for m in template(site)]
    for new in found:
        ast.parse(new)
    return found


def _fixed(code: str) -> str:
    return textwrap.dedent(code)


SPEND = """\
def spend(invoices, service):
    total = 0
    for invoice in invoices:
        for line in invoice:
            if line.service == service:
                total += line.cost
        return total
    return total
"""


def test_delete_removes_a_return_inside_a_loop_as_a_structure_edit() -> None:
    site = _site(SPEND, 7)
    (mutation,) = template("delete_statement")(site)
    assert mutation.tier == STRUCTURE
    assert _apply(site, mutation) == SPEND.replace("        return total\n", "", 1)


def test_delete_leaves_pass_in_a_block_it_empties() -> None:
    code = "def f(xs):\n    for x in xs:\n        xs.remove(x)\n    return xs\n"
    (new,) = _results(template("delete_statement"), code, 3)
    assert new == "def f(xs):\n    for x in xs:\n        pass\n    return xs\n"


@pytest.mark.parametrize(("code", "line"), [
    (SPEND, 8),  # the function's final return
    ("def f(a):\n    b = a * 2\n    return b\n", 2),  # the only binding of b
    ("import os\n", 1),
    ('def f():\n    """Doc."""\n    return 1\n', 2),
    ("def f(a):\n    a.x = 1; a.y = 2\n", 2),  # shares its line
])
def test_delete_does_not_apply(code: str, line: int) -> None:
    assert _results(template("delete_statement"), code, line) == []


WRAP = """\
def wrap(words, width):
    lines = []
    current = []
    for word in words:
        if current and len(current) >= width:
            lines.append(" ".join(current))
            current = []
        current.append(word)
    return lines
"""


def test_insert_copies_a_guarded_flush_before_the_return() -> None:
    found = _results(template("insert_nearby"), WRAP, 9)
    flush = '    lines.append(" ".join(current))\n'
    assert WRAP.replace("    return lines\n", flush + "    return lines\n") == found[0]
    guarded = '    if current and len(current) >= width:\n    ' + flush + "        current = []\n"
    assert WRAP.replace("    return lines\n", guarded + "    return lines\n") in found
    assert len(found) <= CAP


def test_insert_copies_a_missing_reset_after_the_flush() -> None:
    code = """\
    def subtotals(items):
        out = []
        key = None
        total = 0
        for k, amount in items:
            if key is not None and k != key:
                out.append((key, total))
            key = k
            total += amount
        return out
    """
    found = _results(template("insert_nearby"), code, 7)
    assert found[0] == _fixed(code).replace(
        "out.append((key, total))\n", "out.append((key, total))\n            total = 0\n")
    assert all(m.tier == OTHER for m in template("insert_nearby")(_site(code, 7)))


def test_insert_finds_nothing_unrelated() -> None:
    code = "def f(a, b):\n    x = a + 1\n    print(b)\n    return x\n"
    assert _results(template("insert_nearby"), code, 3) == []


def test_move_swaps_an_update_with_the_use_before_it() -> None:
    code = "def step(self, now):\n    self.last = now\n    gap = now - self.last\n"
    (new,) = _results(template("move_statement"), code, 3)
    assert new == "def step(self, now):\n    gap = now - self.last\n    self.last = now\n"


def test_move_skips_independent_neighbours_and_jumps() -> None:
    independent = "def f(a, b):\n    x = a\n    y = b\n    return x, y\n"
    assert _results(template("move_statement"), independent, 2) == []
    assert _results(template("move_statement"), "def f(a):\n    x = a\n    return x\n", 2) == []


LINSOLVE = """\
def back_substitute(rows, rhs):
    n = len(rhs)
    x = [0.0] * n
    for i in reversed(range(n)):
        known = sum(rows[i][j] * x[j] for j in range(i + 1, n))
        x[i] = (rhs[i] - known) / rows[i][i]
    return rhs
"""


def test_return_value_prefers_the_accumulator_written_last_in_the_loop() -> None:
    found = _results(template("return_value"), LINSOLVE, 7)
    assert found[0].splitlines()[-1] == "    return x"
    assert found[1].splitlines()[-1] == "    return known"
    assert len(found) <= CAP


@pytest.mark.parametrize(("line", "fixed"), [
    ("    return best[0]\n", "    return best[1]"),
    ("    return lo, hi\n", "    return hi, lo"),
])
def test_return_value_swaps_tuple_items(line: str, fixed: str) -> None:
    code = "def f(points):\n    best = lo = hi = min(points)\n" + line
    (new,) = _results(template("return_value"), code, 3)
    assert new.splitlines()[-1] == fixed


def test_return_value_needs_a_return_with_a_value() -> None:
    assert _results(template("return_value"), "def f(a):\n    a.sort()\n    return\n", 3) == []


def test_return_after_loop_dedents_an_early_return() -> None:
    code = "def first_even(xs):\n    found = None\n    for x in xs:\n        found = x\n" \
           "        return found\n"
    (new,) = _results(template("return_after_loop"), code, 5)
    assert new == code.replace("        return found\n", "    return found\n")
    assert _results(template("return_after_loop"), SPEND, 7) == []  # same as deleting it


def test_missing_return_uses_the_module_idiom_for_the_annotation() -> None:
    code = """\
    def render(parts: list[str]) -> str:
        out = []
        for p in parts:
            out.append(p)
        return "".join(out)


    def render_each(items: list[str]) -> str:
        chunks = []
        for item in items:
            chunks.append(item.upper())
    """
    found = _results(template("missing_return"), code, 11)
    assert found[0] == _fixed(code) + '    return "".join(chunks)\n'
    assert found[1] == _fixed(code) + "    return chunks\n"


def test_missing_return_keeps_crlf_and_skips_procedures() -> None:
    code = "def totals(xs):\r\n    total = 0\r\n    for x in xs:\r\n        total += x\r\n"
    (new,) = _results(template("missing_return"), code, 4)
    assert new == code + "    return total\r\n"
    assert _results(template("missing_return"), code.replace("(xs):", "(xs) -> None:"), 4) == []
    assert _results(template("missing_return"), "def log(x):\n    print(x)\n", 2) == []


def test_missing_call_copies_a_module_sort_to_a_similar_name() -> None:
    code = """\
    def fastest(results):
        ordered = list(results)
        return ordered[0]


    def podium(entries):
        orders = list(entries)
        orders.sort(key=lambda e: e.seconds)
        return orders[:3]
    """
    found = _results(template("missing_call"), code, 3)
    assert found[0].splitlines()[2] == "    ordered.sort(key=lambda e: e.seconds)"
    assert found[1].splitlines()[2] == "    ordered.sort()"


def test_missing_call_goes_after_the_assignment_and_not_twice() -> None:
    code = "def median(times):\n    ordered = list(times)\n    return ordered[len(ordered) // 2]\n"
    (new,) = _results(template("missing_call"), code, 2)
    assert new.splitlines()[2] == "    ordered.sort()"
    done = code.replace("    return", "    ordered.sort()\n    return")
    assert _results(template("missing_call"), done, 4) == []


BUCKET = """\
class Bucket:
    def __init__(self, clock):
        self.clock = clock
        self.tokens = 0.0
        self.updated = clock.now()

    def refill(self):
        now = self.clock.now()
        elapsed = now - self.updated
        if elapsed > 0:
            self.tokens += elapsed
"""


def test_missing_update_refreshes_the_timestamp_read_here() -> None:
    (new,) = _results(template("missing_update"), BUCKET, 11)
    assert new == BUCKET + "            self.updated = now\n"
    assert _results(template("missing_update"), BUCKET, 4) == []  # __init__ writes it


def test_every_template_is_capped() -> None:
    body = "".join(f"    v{i} = v{i - 1} + a\n" for i in range(1, 30))
    code = "def f(a):\n    v0 = a\n" + body + "    return v29\n"
    site = _site(code, 32)
    assert len(list(template("return_value")(site))) == CAP  # 29 other variables to return
    for each in STATEMENTS:
        assert len(list(each(site))) <= each.cap == CAP


def test_proposer_offers_the_missing_return_among_the_first(tmp_path: Path) -> None:
    code = "def cleaned(xs):\n    out = []\n    for x in xs:\n        out.append(x.strip())\n"
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text(code, encoding="utf-8")
    task = RepairTask(root=tmp_path, failures=(),
                      suspects=(Suspect("pkg/mod.py", 4, 0.9, "sbfl", "r"),),
                      context=Context(snippets=(), tokens=0, budget=0))
    candidates = list(TemplateProposer(templates=STATEMENTS).propose(task, 5))
    replaced = [c.edits[0].replace for c in candidates]
    assert any("    return out\n" in r for r in replaced[:3])
    assert any(c.template == "missing return" for c in candidates[:3])


def test_return_value_lists_names_written_together_in_the_same_order_whatever_the_hash_seed(
) -> None:
    # names bound by one statement used to come out in set order, which PYTHONHASHSEED changes
    import subprocess
    import sys

    script = textwrap.dedent("""
        import ast
        from homeostasis.core.records import Suspect
        from homeostasis.propose.templates.mutations import Source
        from homeostasis.propose.templates.site import Site
        from homeostasis.propose.templates.wrong_returns import return_value
        code = ("def f(xs):\\n    alpha, beta, gamma, delta, eps = xs\\n"
                "    out = 0\\n    return out\\n")
        site = Site("m.py", Source(code), ast.parse(code), Suspect("m.py", 4, 0.9, "sbfl", "r"))
        print([m.replacement for m in return_value(site)])
    """)
    seen = set()
    for seed in ("1", "2", "3", "4", "5"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env={"PYTHONHASHSEED": seed, "PATH": ""}, check=True)
        seen.add(out.stdout)
    assert len(seen) == 1
    assert seen.pop().strip() == str(["alpha", "beta", "delta", "eps", "gamma"])
