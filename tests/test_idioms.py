"""The idiom and string API-misuse templates: the exact fixed line or block each one produces,
where it does not apply, its cap, and the template proposer ranking their fixes near the top."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import (
    BOUNDARY,
    OFF_BY_ONE,
    OPERATOR,
    OTHER,
    STRUCTURE,
    Source,
)
from homeostasis.propose.templates.registry import CAP, template
from homeostasis.propose.templates.site import Site, SiteTemplate

PATH = "pkg/mod.py"
#: The string, number, aliasing and exception-handling idioms a reviewer would point out.
IDIOMS = [template(name) for name in (
    "strip_affix", "split_limit", "regex_function", "format_spec", "case_order",
    "case_insensitive", "timedelta_seconds", "int_round", "ceil_division", "toggle_reverse",
    "mutable_default", "aliased_rows", "iterate_copy", "defensive_copy", "narrow_except",
    "finally_cleanup")]


def _site(code: str, line: int) -> Site:
    text = textwrap.dedent(code)
    return Site(PATH, Source(text), ast.parse(text), Suspect(PATH, line, 0.9, "sbfl", "r"))


def _texts(template: SiteTemplate, code: str, line: int) -> list[tuple[str, int]]:
    """Each fixed program (parsed, to be sure) with its tier."""
    site = _site(code, line)
    found = []
    for m in template(site):
        new = site.source.text[: m.start] + m.replacement + site.source.text[m.end :]
        ast.parse(new)
        found.append((new, m.tier))
    return found


def _lines(template: SiteTemplate, code: str, line: int) -> list[str]:
    """The suspect line of each fixed program."""
    return [new.splitlines()[line - 1] for new, _ in _texts(template, code, line)]


# ── strings ─────────────────────────────────────────────────────────────────────────────────


def test_strip_affix_removes_a_prefix_instead_of_a_character_set() -> None:
    code = 'HEADS = "refs/heads/"\ndef branch(ref):\n    return ref.lstrip(HEADS).rstrip(".git")\n'
    assert _lines(template("strip_affix"), code, 3) == [
        '    return ref.lstrip(HEADS).removesuffix(".git")',
        '    return ref.removeprefix(HEADS).rstrip(".git")',
    ]
    assert _lines(template("strip_affix"), 'def f(s, c):\n    return s.lstrip("/") + s.strip(c)\n',
                  2) == []


def test_split_limit_keeps_separators_in_the_value() -> None:
    code = 'def header(line):\n    name, value = line.split(":")\n'
    assert _lines(template("split_limit"), code, 2) == [
        '    name, value = line.split(":", 1)', '    name, value = line.rsplit(":", 1)']
    assert _lines(template("split_limit"), "def f(s):\n    return s.split()\n", 2) == [
        '    return s.split(" ")']
    assert _lines(template("split_limit"), 'def f(s):\n    return s.split(":", 2)\n', 2) == []


def test_regex_function_swaps_anchoring_on_the_re_alias_and_compiled_patterns() -> None:
    code = """\
        import re as regex
        WORD = regex.compile(r"\\w+")
        def check(s, other):
            return regex.match(r"\\d+", s) and WORD.search(s) and other.match(s)
        """
    rest = ' and other.match(s)'
    assert _lines(template("regex_function"), code, 4) == [
        '    return regex.search(r"\\d+", s) and WORD.search(s)' + rest,
        '    return regex.fullmatch(r"\\d+", s) and WORD.search(s)' + rest,
        '    return regex.match(r"\\d+", s) and WORD.fullmatch(s)' + rest,
        '    return regex.match(r"\\d+", s) and WORD.match(s)' + rest,
    ]  # other.match is not a regex


def test_format_spec_pads_changes_precision_and_alignment_in_fstrings_and_format() -> None:
    code = 'def show(h, m, x):\n    return f"{h}:{m:2d} {{m:2d}}" + "{:>8}|{:.2f}".format(h, x)\n'
    found = _texts(template("format_spec"), code, 2)
    assert [(new.splitlines()[1], tier) for new, tier in found] == [
        ('    return f"{h}:{m:02d} {{m:2d}}" + "{:>8}|{:.2f}".format(h, x)', OPERATOR),
        ('    return f"{h}:{m:2d} {{m:2d}}" + "{:<8}|{:.2f}".format(h, x)', OPERATOR),
        ('    return f"{h}:{m:2d} {{m:2d}}" + "{:>8}|{:.3f}".format(h, x)', OFF_BY_ONE),
        ('    return f"{h}:{m:2d} {{m:2d}}" + "{:>8}|{:.1f}".format(h, x)', OFF_BY_ONE),
    ]
    assert _lines(template("format_spec"), 'def f(x, w):\n    return f"{x!r} {x:{w}}"\n', 2) == []


def test_format_spec_is_capped() -> None:
    fields = " ".join(f"{{x:.{n}f}}" for n in range(1, 9))
    assert len(_lines(template("format_spec"), f'def f(x):\n    return f"{fields}"\n', 2)) == CAP


def test_case_order_folds_case_before_a_case_dependent_substitution() -> None:
    code = """\
        import re
        SEPARATORS = re.compile(r"[^a-z0-9]+")
        def slugify(title):
            return SEPARATORS.sub("-", title).strip("-").lower()
        """
    assert _lines(template("case_order"), code, 4) == [
        '    return SEPARATORS.sub("-", title.lower()).strip("-")',
        '    return SEPARATORS.sub("-", title).lower().strip("-")',
    ]
    code = 'import re\ndef f(a, b):\n    return re.sub("[A-Z]", "", a + b).upper()\n'
    assert _lines(template("case_order"), code, 3) == [
        '    return re.sub("[A-Z]", "", (a + b).upper())']
    assert _lines(template("case_order"), "def f(s):\n    return s.strip().lower()\n", 2) == []


def test_case_insensitive_lowers_both_sides_of_a_string_comparison() -> None:
    code = 'def f(name, ext, n):\n    return name == "README" or ext in (".md", ".txt") or n == 3\n'
    found = _texts(template("case_insensitive"), code, 2)
    assert [new.splitlines()[1] for new, _ in found] == [
        '    return name.lower() == "readme" or ext in (".md", ".txt") or n == 3',
        '    return name == "README" or ext.lower() in (".md", ".txt") or n == 3',
    ]
    assert {tier for _, tier in found} == {STRUCTURE}
    assert _lines(template("case_insensitive"), "def f(a, b):\n    return a == b\n", 2) == []


# ── values ──────────────────────────────────────────────────────────────────────────────────


def test_timedelta_seconds_becomes_total_seconds_on_duration_like_values() -> None:
    code = "def f(a, b, elapsed, x):\n    return (a - b).seconds + elapsed.seconds + x.seconds\n"
    assert _lines(template("timedelta_seconds"), code, 2) == [
        "    return (a - b).total_seconds() + elapsed.seconds + x.seconds",
        "    return (a - b).seconds + elapsed.total_seconds() + x.seconds",
    ]
    assert _lines(template("timedelta_seconds"), "def f(d):\n    return d.days\n", 2) == []


def test_int_round_rounds_float_arithmetic_and_truncates_round() -> None:
    code = "def grams(number, unit):\n    return int(float(number) * unit) + int(number)\n"
    assert _lines(template("int_round"), code, 2) == [
        "    return round(float(number) * unit) + int(number)",
        "    return int(round(float(number) * unit)) + int(number)",
    ]
    found = _texts(template("int_round"), "def f(x):\n    return round(x) + round(x, 2)\n", 2)
    assert [(new.splitlines()[1], tier) for new, tier in found] == [
        ("    return int(x) + round(x, 2)", OTHER)]


def test_ceil_division_offers_the_ceiling_forms() -> None:
    code = "import math\ndef pages(n, size):\n    return (n + 1) // size\n"
    assert _lines(template("ceil_division"), code, 3) == [
        "    return -(-(n + 1) // size)",
        "    return ((n + 1) + size - 1) // size",
        "    return math.ceil((n + 1) / size)",
    ]
    assert _lines(template("ceil_division"), "def f(n, k):\n    return n // k\n", 2)[-1] == (
        "    return (n + k - 1) // k")  # no math.ceil without math
    ceil = "import math\ndef f(n, k):\n    return math.ceil(n / k)\n"
    # `/` → `//` is the arithmetic operator's
    assert _lines(template("ceil_division"), ceil, 3) == []


def test_toggle_reverse_adds_or_removes_the_sort_direction() -> None:
    code = ("def f(xs, d):\n"
            "    xs.sort(); ys = sorted(xs, key=len, reverse=True); xs.sort(reverse=d, key=len)\n")
    assert _lines(template("toggle_reverse"), code, 2) == [
        "    xs.sort(reverse=True); ys = sorted(xs, key=len, reverse=True); "
        "xs.sort(reverse=d, key=len)",
        "    xs.sort(); ys = sorted(xs, key=len); xs.sort(reverse=d, key=len)",
        "    xs.sort(); ys = sorted(xs, key=len, reverse=True); xs.sort(key=len)",
        "    xs.sort(); ys = sorted(xs, key=len, reverse=True); xs.sort(reverse=not d, key=len)",
    ]
    assert _lines(template("toggle_reverse"), "def f(xs):\n    return max(xs)\n", 2) == []


# ── containers ──────────────────────────────────────────────────────────────────────────────


def test_mutable_default_becomes_none_with_a_fresh_value_after_the_docstring() -> None:
    code = """\
        class Cart:
            def __init__(self, customer: str, items: list[str] = [], *, tags={}) -> None:
                \"\"\"A cart.\"\"\"
                self.items = items
        """
    found = [new for new, _ in _texts(template("mutable_default"), code, 4)]
    assert found[0] == textwrap.dedent("""\
        class Cart:
            def __init__(self, customer: str, items: list[str] | None = None, *, tags={}) -> None:
                \"\"\"A cart.\"\"\"
                if items is None:
                    items = []
                self.items = items
        """)
    assert "*, tags=None) -> None:" in found[1] and "    if tags is None:\n" in found[1]
    assert len(found) == 2
    assert _texts(template("mutable_default"), "def f(x=None, y=()):\n    return x\n", 2) == []


def test_mutable_default_in_a_dataclass_uses_a_default_factory() -> None:
    code = "from dataclasses import field\n@dataclass\nclass C:\n    xs: list[int] = []\n"
    assert _lines(template("mutable_default"), code, 4) == [
        "    xs: list[int] = field(default_factory=list)"]
    assert _lines(template("mutable_default"), "class C:\n    xs: list[int] = []\n", 2) == []


def test_aliased_rows_builds_one_row_per_iteration() -> None:
    code = "def grid(rows, cols):\n    return [[None] * cols] * rows, [0] * cols\n"
    assert _lines(template("aliased_rows"), code, 2) == [
        "    return [[None] * cols for _ in range(rows)], [0] * cols"]


def test_iterate_copy_loops_over_a_copy_of_a_collection_it_changes() -> None:
    code = """\
        class Queue:
            def purge(self, index):
                for job in self.jobs:
                    if job.done:
                        self.jobs.remove(job)
                for key, value in index.items():
                    del index[key]
                for job in self.other:
                    self.jobs.append(job)
        """
    found = _texts(template("iterate_copy"), code, 5)
    lines = [new.splitlines()[line] for (new, _), line in zip(found, (2, 5), strict=True)]
    assert list(zip(lines, [tier for _, tier in found], strict=True)) == [
        ("        for job in list(self.jobs):", BOUNDARY),
        ("        for key, value in list(index.items()):", OPERATOR),
    ]


def test_defensive_copy_copies_internal_state_going_out_and_coming_in() -> None:
    code = """\
        class Buffer:
            def __init__(self, lines: list[str], opts: dict | None = None) -> None:
                self._lines = lines
                self._undo: list[list[str]] = []
                self.opts = opts
            def undo(self):
                return self._undo
            def name(self):
                return self._name
        """
    assert _lines(template("defensive_copy"), code, 3) == [
        "        self._lines = list(lines)", "        self._lines = lines.copy()"]
    assert _lines(template("defensive_copy"), code, 7) == [
        "        return list(self._undo)", "        return self._undo.copy()"]
    assert _lines(template("defensive_copy"), code, 5) == []
    assert _lines(template("defensive_copy"), code, 9) == []


# ── exceptions and cleanup ──────────────────────────────────────────────────────────────────


def test_narrow_except_offers_what_the_try_body_can_raise() -> None:
    code = """\
        import json
        def read(path, data):
            try:
                return parse(path.read_text(encoding="utf-8")) + json.loads(data["k"])
            except Exception:
                return {}
        def parse(text):
            raise LookupError(text)
        """
    found = [new.splitlines()[4] for new, _ in _texts(template("narrow_except"), code, 4)]
    assert found == [f"    except {name}:" for name in (
        "LookupError", "FileNotFoundError", "OSError", "json.JSONDecodeError", "ValueError",
        "KeyError")]
    bare = "def f(d):\n    try:\n        return int(d)\n    except:\n        pass\n"
    assert [new.splitlines()[3] for new, _ in _texts(template("narrow_except"), bare, 3)] == [
        "    except ValueError:"]
    reraise = "def f(d):\n    try:\n        return int(d)\n    except Exception:\n        raise\n"
    assert _texts(template("narrow_except"), reraise, 3) == []


def test_finally_cleanup_releases_a_yielded_or_used_resource_on_error() -> None:
    code = """\
        class Pool:
            @contextmanager
            def connection(self):
                \"\"\"A connection.\"\"\"
                conn = self.acquire()
                yield conn
                self.release(conn)
        """
    assert [new for new, _ in _texts(template("finally_cleanup"), code, 6)] == [textwrap.dedent("""\
        class Pool:
            @contextmanager
            def connection(self):
                \"\"\"A connection.\"\"\"
                conn = self.acquire()
                try:
                    yield conn
                finally:
                    self.release(conn)
        """)]
    code = """\
        def run(pool, query):
            conn = pool.acquire()
            rows = conn.execute(query)
            pool.release(conn)
            return rows
        """
    assert [new for new, _ in _texts(template("finally_cleanup"), code, 3)] == [textwrap.dedent("""\
        def run(pool, query):
            conn = pool.acquire()
            try:
                rows = conn.execute(query)
            finally:
                pool.release(conn)
            return rows
        """)]
    assert _texts(template("finally_cleanup"), "def f(x):\n    y = x\n    x.close()\n", 2) == []


def test_every_template_respects_the_cap() -> None:
    args = ", ".join(f"a{i}=[]" for i in range(10))
    body = "[int(a0 * 2) // 3 for _ in a1] + sorted(a0) + [int(a1 / 2) // 3]"
    code = f"def f({args}):\n    return {body}\n"
    site = _site(code, 2)
    for each in IDIOMS:
        assert len(list(each(site))) <= each.cap == CAP
    assert len(list(template("mutable_default")(site))) == CAP


# ── the proposer ────────────────────────────────────────────────────────────────────────────


def _first(tmp_path: Path, code: str, line: int, count: int) -> list[str]:
    text = textwrap.dedent(code)
    (tmp_path / "pkg").mkdir()
    (tmp_path / PATH).write_text(text, encoding="utf-8")
    task = RepairTask(root=tmp_path, failures=(), suspects=(Suspect(PATH, line, 0.9, "sbfl", "r"),),
                      context=Context(snippets=(), tokens=0, budget=0))
    found = TemplateProposer(templates=IDIOMS).propose(task, count)
    return [text.replace(c.edits[0].search, c.edits[0].replace, 1) for c in found]


def test_proposer_ranks_the_purge_fix_near_the_top(tmp_path: Path) -> None:
    code = """\
        class Queue:
            def purge(self):
                removed = []
                for job in self.jobs:
                    if job.done:
                        self.jobs.remove(job)
                        removed.append(job)
                return removed
        """
    fixed = textwrap.dedent(code).replace("in self.jobs:", "in list(self.jobs):")
    assert fixed in _first(tmp_path, code, 6, 3)


def test_proposer_ranks_the_split_limit_near_the_top(tmp_path: Path) -> None:
    code = 'def header(line):\n    name, value = line.split(":")\n    return name, value\n'
    fixed = code.replace('split(":")', 'split(":", 1)')
    assert fixed in _first(tmp_path, code, 2, 5)


def test_templates_keep_parentheses_and_generator_arguments_valid() -> None:
    code = "def f(xs, k, s):\n    return sorted(x for x in xs), (k := s.key) == ('Name')\n"
    assert _lines(template("toggle_reverse"), code, 2) == [
        "    return sorted((x for x in xs), reverse=True), (k := s.key) == ('Name')"]
    assert _lines(template("case_insensitive"), code, 2) == [
        "    return sorted(x for x in xs), ((k := s.key).lower()) == ('name')"]
