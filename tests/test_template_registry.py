"""The template registry: every template is one record, registered once; the engine applies
each record's exception filter, cap and tier, and hands its overfit reason to the ranking."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from pathlib import Path

import homeostasis.propose.templates as package
import pytest
from homeostasis.core.records import Context, Failure, Frame, Suspect, Trial
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import OTHER, STRUCTURE, Mutation, Source
from homeostasis.propose.templates.registry import TEMPLATES, Template, template
from homeostasis.propose.templates.site import Site
from homeostasis.tools.judge.rank import rank

PATH = "pkg/mod.py"
GUARDED = "def first(xs):\n    return xs[0] + 1\n"


def _site_templates() -> list[Callable[..., object]]:
    """Every public function of the package that has the shape of a site template."""
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            hints = fn.__annotations__
            if (fn.__module__ == module.__name__ and not name.startswith("_")
                    and list(hints) == ["site", "return"] and hints["site"] == "Site"
                    and hints["return"] == "Iterator[Mutation]"):
                found.append(fn)
    return found


def test_every_template_function_is_registered_exactly_once() -> None:
    functions = _site_templates()
    assert len(functions) == len(TEMPLATES) > 40
    assert sorted(t.name for t in TEMPLATES) == sorted(f.__name__ for f in functions)
    assert {id(t.apply) for t in TEMPLATES} == {id(f) for f in functions}


def test_names_are_unique_and_families_are_the_fault_kind_modules() -> None:
    names = [t.name for t in TEMPLATES]
    assert len(set(names)) == len(names)
    assert template("missing_key").family == "missing_guards"
    assert template("none_check").family == "wrong_conditions"
    assert {t.family for t in TEMPLATES}.isdisjoint(
        {"engine", "registry", "site", "mutations", "ast_helpers", "operators"})
    with pytest.raises(KeyError, match="the templates are: missing_key, index_error"):
        template("no_such_template")


def test_the_known_overfitting_templates_say_why() -> None:
    assert {t.name: t.overfits for t in TEMPLATES if t.overfits} == {
        "early_return": "an early exit not tied to the failure",
        "delete_statement": "a deleted statement",
    }


def _site(code: str, *failures: Failure) -> Site:
    return Site(PATH, Source(code), ast.parse(code), Suspect(PATH, 2, 0.9, "sbfl", "r"),
                failures)


def _raised(exc: str) -> Failure:
    frames = (Frame("tests/test_mod.py", 5, "test_it", True, True), Frame(PATH, 2, "f", True))
    return Failure("tests/test_mod.py::test_it", exc, "boom", frames)


def _many(site: Site) -> Iterator[Mutation]:
    """Twenty edits of the suspect line's ``0``, the first in the template's own tier."""
    start = site.source.text.index("0")
    for n in range(20):
        yield Mutation(start, start + 1, str(n + 1), "many", (start, start + 1), n,
                       None if n == 0 else OTHER)


def test_a_record_filters_by_exception_caps_and_gives_its_tier() -> None:
    many = Template(_many, STRUCTURE, cap=3, exceptions=("IndexError",))
    assert list(many(_site(GUARDED))) == []
    assert list(many(_site(GUARDED, _raised("KeyError")))) == []
    found = list(many(_site(GUARDED, _raised("builtins.IndexError"))))
    assert [(m.replacement, m.tier) for m in found] == [("1", STRUCTURE), ("2", OTHER),
                                                         ("3", OTHER)]
    assert len(list(_many(_site(GUARDED)))) == 20  # the function itself is not capped


def _proposed(tmp_path: Path, templates: list[Template]) -> list[str]:
    (tmp_path / "pkg").mkdir(exist_ok=True)
    (tmp_path / PATH).write_text(GUARDED, encoding="utf-8")
    task = RepairTask(tmp_path, (), (Suspect(PATH, 2, 0.9, "sbfl", "r"),), Context((), 0, 0))
    candidates = [c for c in TemplateProposer(templates=templates).propose(task, 50)
                  if c.template in ("guard at the top", "early return")]
    assert candidates
    trials = [Trial(c.id, "plausible", "ok", {"t::a": True}, normalized=c.id)
              for c in candidates]
    return [f"{c.template}: {c.overfit or '-'} ({r.score.penalty:g})"
            for c, r in zip(candidates, rank(candidates, trials).ranked, strict=True)]


def test_the_overfit_penalty_follows_the_record_not_the_name(tmp_path: Path) -> None:
    early = template("early_return")

    def guard_at_the_top(site: Site) -> Iterator[Mutation]:
        """The early-return template under another name and label."""
        yield from (dataclasses.replace(m, label="guard at the top") for m in early.apply(site))

    renamed = dataclasses.replace(early, apply=guard_at_the_top)
    assert _proposed(tmp_path, [renamed]) == [
        "guard at the top: an early exit not tied to the failure (15)"]
    # a record that claims no overfitting does not hide the shape: the patch shows it
    trusted = dataclasses.replace(early, overfits="")
    assert _proposed(tmp_path, [trusted]) == [
        "early return: an early exit not tied to the failure (15)"]


def test_a_pair_with_an_overfitting_edit_carries_its_reason(tmp_path: Path) -> None:
    code = "def f(xs):\n    y = xs.pop()\n    return y.upper()\n"
    (tmp_path / "pkg").mkdir()
    (tmp_path / PATH).write_text(code, encoding="utf-8")
    suspects = (Suspect(PATH, 2, 0.9, "sbfl", "r"), Suspect(PATH, 3, 0.8, "sbfl", "r"))
    task = RepairTask(tmp_path, (), suspects, Context((), 0, 0))
    proposer = TemplateProposer(templates=[template("early_return"), template("replace_callee")])
    candidates = list(proposer.propose(task, 30))
    pairs = {c.template: c.overfit for c in candidates if c.round == 2}
    assert pairs == {"early return + called function": "an early exit not tied to the failure",
                     "called function + called function": ""}
    assert {c.suspect_score for c in candidates if c.round == 1} == {0.9, 0.8}
    assert {c.suspect_score for c in candidates if c.round == 2} == {None}
