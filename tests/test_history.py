"""History revert: undo the latest change to a suspect line, from a real git repository."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from homeostasis.core.records import Context, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.propose.templates.mutations import Source
from homeostasis.propose.templates.registry import template
from homeostasis.propose.templates.site import Site

GOOD = "def price(q, unit):\n    total = q * unit\n    return round(total, 2)\n"
BAD = "def price(q, unit):\n    total = q + unit\n    return round(total, 2)\n"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
                    *args], check=True, capture_output=True)


def repo_with(tmp_path: Path, *versions: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "shop").mkdir(parents=True)
    git(repo, "init", "-q")
    for n, text in enumerate(versions):
        (repo / "shop" / "price.py").write_text(text, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"v{n}")
    return repo


def site(repo: Path, line: int, history: Path | None = None) -> Site:
    text = (repo / "shop" / "price.py").read_text(encoding="utf-8")
    return Site("shop/price.py", Source(text), ast.parse(text),
                Suspect("shop/price.py", line, 1.0, "sbfl", "r"), repo=history or repo)


def applied(s: Site) -> list[str]:
    text = s.source.text
    return [text[: m.start] + m.replacement + text[m.end :]
            for m in template("revert_latest_change")(s)]


def test_reverts_the_commit_that_last_changed_the_line(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, GOOD, BAD)
    assert applied(site(repo, 2)) == [GOOD]


def test_a_line_unchanged_since_the_first_commit_gives_nothing(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, GOOD, BAD)
    assert applied(site(repo, 3)) == []


def test_reverts_an_uncommitted_change_first(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, GOOD)
    (repo / "shop" / "price.py").write_text(BAD.replace("q + unit", "q - unit"),
                                             encoding="utf-8")
    assert applied(site(repo, 2)) == [GOOD]


def test_no_history_outside_a_git_work_tree(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, GOOD, BAD)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert applied(site(repo, 2, outside)) == []


def test_the_proposer_offers_the_revert_when_given_the_repository(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, GOOD, BAD)
    task = RepairTask(repo, (), (Suspect("shop/price.py", 2, 1.0, "sbfl", "r"),),
                      Context((), 0, 0), repo=repo)
    reverts = [c for c in TemplateProposer().propose(task, 100)
               if c.template.startswith("revert")]
    assert len(reverts) == 1
    assert "-    total = q + unit\n+    total = q * unit" in reverts[0].diff
    without = RepairTask(repo, (), task.suspects, task.context)
    assert not [c for c in TemplateProposer().propose(without, 100)
                if c.template.startswith("revert")]
