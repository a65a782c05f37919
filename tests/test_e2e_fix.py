"""End to end: the real ``homeostasis`` command, run as a subprocess on copies of the examples,
repairs them, records every stage, applies (or does not apply) the winner, and undoes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    INVOICING_BUG,
    INVOICING_FIX,
    RUN_RECORDS,
    TRACEBACK,
    copy_example,
    edit_reply,
    has_shipping_fix,
    mock_model,
    only_run,
    read_json,
    read_jsonl,
    run_cli,
    run_project_tests,
    tree_hashes,
    trials_by_id,
)

pytestmark = pytest.mark.e2e

PRICING = "invoicing/pricing.py"
GOOD_REPLY = edit_reply(PRICING, INVOICING_BUG, INVOICING_FIX,
                        prose="A tier applies from its minimum quantity, so compare with >=.")
FAILING = {
    "tests/test_pricing.py::test_tier_applies_from_its_minimum_quantity",
    "tests/test_pricing.py::test_bulk_order_of_exactly_fifty_gets_ten_percent",
}


def _fix(project: Path, *args: str, env: dict[str, str] | None = None):
    return run_cli("fix", project, "--jobs", "2", *args, env=env)


def test_bundled_example_is_fixed_recorded_and_undone(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    original = tree_hashes(project)
    assert run_project_tests(project).returncode == 1  # the planted bug is there

    done = _fix(project, "--yes", "--candidates", "5")

    assert done.returncode == 0, done.stdout + done.stderr
    assert TRACEBACK not in done.stdout + done.stderr
    assert INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")
    after = run_project_tests(project)
    assert after.returncode == 0, after.stdout
    assert "17 passed" in after.stdout
    changed = {p for p in original if tree_hashes(project).get(p) != original[p]}
    assert changed == {PRICING}

    run = only_run(project)
    for name in RUN_RECORDS:
        assert (run / name).is_file(), f"{name} missing from {run}"
    info = read_json(run / "run.json")
    assert info["run_id"] == run.name
    failure = read_json(run / "failure.json")
    assert failure["status"] == "ok"
    assert {f["test_id"] for f in failure["failures"]} == FAILING
    suspects = read_json(run / "suspects.json")
    assert any(s["path"] == PRICING for s in suspects)
    assert read_json(run / "context.json")["snippets"]
    candidates = read_jsonl(run / "candidates.jsonl")
    trials = read_jsonl(run / "trials.jsonl")
    assert 1 <= len(candidates) <= 5
    assert {t["candidate_id"] for t in trials} == {c["id"] for c in candidates}
    ranking = read_json(run / "ranking.json")
    winner = ranking["ranked"][0]["candidate_id"]
    assert trials_by_id(run)[winner]["status"] == "plausible"
    outcome = read_json(run / "outcome.json")
    assert outcome["status"] == "applied"
    assert outcome["candidate_id"] == winner
    assert outcome["files"] == [PRICING]
    diff = (run / "winner.diff").read_text(encoding="utf-8")
    assert "-" + INVOICING_BUG in diff and "+" + INVOICING_FIX in diff
    assert winner in (run / "report.md").read_text(encoding="utf-8")

    undone = run_cli("undo", project)
    assert undone.returncode == 0, undone.stderr
    assert PRICING in undone.stdout
    assert tree_hashes(project) == original


def test_shipping_index_error_is_repaired(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    done = _fix(project, "--yes", "--candidates", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    assert has_shipping_fix((project / "shipping/routes.py").read_text(encoding="utf-8"),
                            "return ")
    assert run_project_tests(project).returncode == 0
    suspects = read_json(only_run(project) / "suspects.json")
    assert suspects[0]["path"] == "shipping/routes.py"
    assert suspects[0]["source"] == "traceback"


def test_dry_run_changes_nothing_but_records_the_winner(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    original = tree_hashes(project)
    done = _fix(project, "--dry-run", "--candidates", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    assert tree_hashes(project) == original
    run = only_run(project)
    assert read_json(run / "outcome.json")["status"] == "dry_run"
    assert has_shipping_fix((run / "winner.diff").read_text(encoding="utf-8"),
                            "+        return ")
    assert not (project / ".homeostasis" / "undo").exists() or not any(
        (project / ".homeostasis" / "undo").iterdir())


def test_without_terminal_or_yes_nothing_is_applied(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    original = tree_hashes(project)
    done = _fix(project, "--candidates", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "--yes" in done.stdout
    assert tree_hashes(project) == original
    assert read_json(only_run(project) / "outcome.json")["status"] == "declined"


def test_syntax_error_that_stops_collection_is_repaired(tmp_path: Path) -> None:
    project = copy_example("shipping", tmp_path)
    routes = project / "shipping/routes.py"
    text = routes.read_text(encoding="utf-8")
    text = text.replace("self.stops[len(self.stops)]", "self.stops[len(self.stops) - 1]")
    broken = text.replace("    def origin(self) -> str:\n", "    def origin(self) -> str\n")
    assert broken != text
    routes.write_text(broken, encoding="utf-8")
    assert "error" in run_project_tests(project).stdout.lower()

    done = _fix(project, "--yes", "--candidates", "5")

    assert done.returncode == 0, done.stdout + done.stderr
    assert routes.read_text(encoding="utf-8") == text
    assert "6 passed" in run_project_tests(project).stdout
    failure = read_json(only_run(project) / "failure.json")
    assert any(f["collection_error"] for f in failure["failures"])


# ── through the scripted model ──────────────────────────────────────────────────────────────


def _mock_fix(project: Path, tmp_path: Path, replies: list[str], *args: str):
    flags, env = mock_model(tmp_path, replies)
    done = _fix(project, *flags, *args, env=env)
    assert TRACEBACK not in done.stdout + done.stderr
    run = only_run(project)
    candidates = read_jsonl(run / "candidates.jsonl")
    assert len(candidates) == len(replies)
    return done, run, [c["id"] for c in candidates]


def test_mock_model_good_reply_wins_and_is_applied(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    wrong = edit_reply(PRICING, INVOICING_BUG, "        if quantity < tier.min_quantity:\n")
    done, run, ids = _mock_fix(project, tmp_path, [wrong, GOOD_REPLY], "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    trials = trials_by_id(run)
    assert trials[ids[0]]["status"] == "failed"
    assert trials[ids[1]]["status"] == "plausible"
    assert read_json(run / "outcome.json")["candidate_id"] == ids[1]
    assert INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")
    assert run_project_tests(project).returncode == 0
    cand = read_jsonl(run / "candidates.jsonl")[1]
    assert cand["description"].startswith("A tier applies from its minimum quantity")


def test_mock_model_test_file_edit_is_rejected_by_the_guard(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    cheat = edit_reply("tests/test_pricing.py", "    assert tier_for(10) == DEFAULT_TIERS[0]\n",
                       "    assert tier_for(10) is None\n")
    done, run, ids = _mock_fix(project, tmp_path, [cheat, GOOD_REPLY], "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    rejected = trials_by_id(run)[ids[0]]
    assert rejected["status"] == "rejected"
    assert "tests/test_pricing.py" in rejected["reason"]
    assert "test" in rejected["reason"].lower()
    ranking = read_json(run / "ranking.json")
    assert [r["candidate_id"] for r in ranking["ranked"]] == [ids[1]]
    assert ids[0] in ranking["rejected"]
    assert "tier_for(10) == DEFAULT_TIERS[0]" in (
        project / "tests/test_pricing.py").read_text(encoding="utf-8")
    assert INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")


def test_mock_model_malformed_reply_is_an_error_trial(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    malformed = (f"{PRICING}\n<<<<<<< SEARCH\n{INVOICING_BUG}{INVOICING_FIX}"
                 ">>>>>>> REPLACE\n")
    done, run, ids = _mock_fix(project, tmp_path, [malformed, GOOD_REPLY], "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    trial = trials_by_id(run)[ids[0]]
    assert trial["status"] == "error"
    assert "malformed" in trial["reason"]
    assert "divider" in trial["reason"]
    assert read_json(run / "outcome.json")["candidate_id"] == ids[1]


def test_mock_model_fix_that_breaks_a_passing_test_loses(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    # Fixes both failing tests but puts 9 units in the first tier.
    breaking = edit_reply(PRICING, INVOICING_BUG,
                          "        if quantity >= tier.min_quantity - 1:\n")
    done, run, ids = _mock_fix(project, tmp_path, [breaking, GOOD_REPLY], "--yes")
    assert done.returncode == 0, done.stdout + done.stderr
    trial = trials_by_id(run)[ids[0]]
    assert trial["status"] == "failed"
    assert "break" in trial["reason"]
    assert trial["pass_to_pass_broken"] == [
        "tests/test_pricing.py::test_no_discount_below_first_tier"]
    assert trial["fail_to_pass"] == dict.fromkeys(FAILING, True)  # both fixed, yet it breaks one
    ranking = read_json(run / "ranking.json")
    assert ranking["ranked"][0]["candidate_id"] == ids[1]
    assert ids[0] not in {r["candidate_id"] for r in ranking["ranked"]}
    assert INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")


def test_mock_model_reply_that_only_adds_a_skip_is_rejected(tmp_path: Path) -> None:
    project = copy_example("invoicing", tmp_path)
    original = tree_hashes(project)
    skip = edit_reply(
        PRICING,
        "from invoicing.models import Invoice, LineItem\n",
        "import pytest\n\nfrom invoicing.models import Invoice, LineItem\n\n"
        "pytest.skip('pricing is flaky', allow_module_level=True)\n",
    )
    done, run, ids = _mock_fix(project, tmp_path, [skip], "--yes")
    assert done.returncode == 1, done.stdout + done.stderr
    trial = trials_by_id(run)[ids[0]]
    assert trial["status"] == "rejected"
    assert "skip" in trial["reason"]
    assert PRICING in trial["reason"]
    assert read_json(run / "outcome.json")["status"] == "no_fix"
    assert tree_hashes(project) == original
