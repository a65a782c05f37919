"""The parts of ``homeostasis ci`` and the GitHub Action that need no repair run: action.yml,
the Actions environment and event, the outputs file, the report's escaping, the checks made
before anything is spent, and delivery's edge cases (driven with a fix made by hand, over real
git and the real-HTTP GitHub stand-in). The whole command is in test_ci_e2e.py."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from github_standin import TOKEN, GitHubStandIn, error_body, github_api_fixture  # noqa: F401
from helpers import ALICE, TRACEBACK, bare_origin, git, pushed_checkout
from homeostasis.cli import build_parser, main
from homeostasis.commands.ci.command import MODES
from homeostasis.commands.ci.delivery import check_ready, deliver
from homeostasis.commands.ci.environment import Actions, write_outputs
from homeostasis.commands.ci.event import Failing, read_event
from homeostasis.commands.ci.report import code, fenced, plain
from homeostasis.commands.ci.triage import triage_error, triage_result
from homeostasis.core.errors import DeployError, EnvironmentProblem, ProjectError, UsageError
from homeostasis.core.records import (
    Candidate,
    Edit,
    Failure,
    Flaky,
    Outcome,
    TestResult,
    TestRun,
)
from homeostasis.loop import RunResult
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.git_branch import BRANCH_PREFIX
from homeostasis.tools.observe.baseline import UnusableBaseline
from homeostasis.tools.sandbox.snapshot import Snapshot

ACTION = Path(__file__).resolve().parent.parent / "action.yml"
REPO = "octo/shop"
SHA = "a" * 40
OPS = "def add(a, b):\n    return a - b\n"
OPS_FIXED = "def add(a, b):\n    return a + b\n"
BRANCH = BRANCH_PREFIX + "00856020a1"



@pytest.fixture(autouse=True)
def _runner_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in list(os.environ):
        if name.startswith(("GITHUB_", "HOMEOSTASIS_", "GIT_AUTHOR", "GIT_COMMITTER")):
            monkeypatch.delenv(name)


# ── action.yml ───────────────────────────────────────────────────────────────────────────────


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps_text(action: dict[str, Any]) -> str:
    return json.dumps(action["runs"]["steps"])


def test_action_yml_is_a_composite_action_with_the_inputs_and_outputs_of_the_issue(
    action: dict[str, Any]
) -> None:
    assert action["runs"]["using"] == "composite"
    for name in ("model", "api-key", "base-url", "test-command", "sandbox", "mode",
                 "max-dollars", "token", "working-directory", "hint", "issue"):
        assert name in action["inputs"], name
    assert action["inputs"]["token"]["default"] == "${{ github.token }}"
    assert action["inputs"]["mode"]["default"] in MODES
    for mode in MODES:
        assert mode in action["inputs"]["mode"]["description"]
    assert set(action["outputs"]) == {"status", "pr-url", "run-id", "cost"}
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.ci.outputs.{name} }}}}"
    assert any(step.get("id") == "ci" for step in action["runs"]["steps"])


def test_every_input_of_action_yml_is_used(action: dict[str, Any]) -> None:
    steps = _steps_text(action)
    for name in action["inputs"]:
        assert f"inputs.{name} " in steps or f"inputs.{name}}}" in steps, name
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", steps))
    assert used == set(action["inputs"])


def test_action_yml_installs_from_its_own_checkout_and_keeps_inputs_out_of_scripts(
    action: dict[str, Any]
) -> None:
    steps = action["runs"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    for script in scripts:
        # Inputs arrive as environment variables: none is pasted into a script.
        assert "${{" not in script, script
        assert not re.search(r"pip install[^\n]*\bhomeostasis\b", script), script
        assert "--token" not in script and "api-key" not in script
    [install] = [s for s in steps if "pip install" in s.get("run", "")]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"]
    [ci] = [s for s in steps if s.get("id") == "ci"]
    assert ci["env"]["GITHUB_TOKEN"] == "${{ inputs.token }}"


def _ci_script(action: dict[str, Any]) -> dict[str, Any]:
    [ci] = [s for s in action["runs"]["steps"] if s.get("id") == "ci"]
    return ci


def test_the_actions_ci_step_passes_every_input_as_one_argument(
    action: dict[str, Any], tmp_path: Path
) -> None:
    """The step's script, run by bash with a stand-in ``homeostasis`` that records its
    arguments: each input arrives whole, however it is quoted."""
    step = _ci_script(action)
    fake = tmp_path / "homeostasis-venv" / "bin" / "homeostasis"
    fake.parent.mkdir(parents=True)
    fake.write_text('#!/usr/bin/env python3\nimport json, os, sys\n'
                    'json.dump({"argv": sys.argv[1:], "token": os.environ.get("GITHUB_TOKEN")},'
                    ' open(os.environ["RECORD"], "w"))\n', encoding="utf-8")
    fake.chmod(0o755)
    values = {
        "INPUT_MODE": "comment", "INPUT_MODEL": "openai:gpt-4o-mini",
        "INPUT_BASE_URL": "http://127.0.0.1:9/v1", "INPUT_MAX_DOLLARS": "0.5",
        "INPUT_TEST_COMMAND": "python -m pytest -k 'not slow and \"x\"'",
        "INPUT_SANDBOX": "docker", "INPUT_WORKING_DIRECTORY": "sub dir; rm -rf /",
        "PROJECT_PYTHON": "/opt/py/bin/python", "GITHUB_TOKEN": TOKEN,
        # One hint a line; blank lines are none; a hint may look like an option or shell code.
        "INPUT_HINT": "the bug is in add\n\n   \n--mode=pr\n$(rm -rf /) `id` \"q\"\n"
                      "calc/ops.py:2\n",
        "INPUT_ISSUE": "docs/bug report; $(id).md",
    }
    assert set(values) - {"GITHUB_TOKEN"} <= set(step["env"])
    record = tmp_path / "record.json"
    done = subprocess.run(["bash", "-e", "-c", step["run"]], capture_output=True, text=True,
                          env={"PATH": os.environ["PATH"], "RUNNER_TEMP": str(tmp_path),
                               "RECORD": str(record), **values}, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(record.read_text(encoding="utf-8"))
    assert seen["argv"] == [
        "ci", "sub dir; rm -rf /", "--mode", "comment", "--sandbox", "docker",
        "--model", "openai:gpt-4o-mini", "--base-url", "http://127.0.0.1:9/v1",
        "--max-dollars", "0.5", "--test", "python -m pytest -k 'not slow and \"x\"'",
        "--python", "/opt/py/bin/python", "--hint=the bug is in add", "--hint=--mode=pr",
        "--hint=$(rm -rf /) `id` \"q\"", "--hint=calc/ops.py:2",
        "--issue=docs/bug report; $(id).md"]
    assert seen["token"] == TOKEN  # from the environment, never an argument
    parsed = build_parser().parse_args(seen["argv"])  # as homeostasis ci reads them
    assert parsed.hint == ["the bug is in add", "--mode=pr", "$(rm -rf /) `id` \"q\"",
                           "calc/ops.py:2"]
    assert (parsed.mode, parsed.issue) == ("comment", "docs/bug report; $(id).md")
    # Empty optional inputs add no flag.
    empty = {**values, "INPUT_MODEL": "", "INPUT_BASE_URL": "", "INPUT_MAX_DOLLARS": "",
             "INPUT_TEST_COMMAND": "", "PROJECT_PYTHON": "", "INPUT_HINT": "",
             "INPUT_ISSUE": ""}
    subprocess.run(["bash", "-e", "-c", step["run"]], check=True, capture_output=True,
                   env={"PATH": os.environ["PATH"], "RUNNER_TEMP": str(tmp_path),
                        "RECORD": str(record), **empty})
    assert json.loads(record.read_text(encoding="utf-8"))["argv"] == [
        "ci", "sub dir; rm -rf /", "--mode", "comment", "--sandbox", "docker"]


def test_the_action_parses_the_arguments_homeostasis_ci_takes(action: dict[str, Any]) -> None:
    args = build_parser().parse_args([
        "ci", ".", "--mode", "dry-run", "--sandbox", "auto", "--model", "mock:r.json",
        "--base-url", "http://127.0.0.1:1/v1", "--max-dollars", "1", "--test", "pytest",
        "--python", "/usr/bin/python3"])
    assert (args.mode, args.sandbox, args.max_dollars) == ("dry-run", "auto", 1.0)
    assert action["inputs"]["sandbox"]["default"] in ("local", "docker", "auto")


# ── the environment and the event ────────────────────────────────────────────────────────────


def _actions(tmp_path: Path, name: str, event: dict[str, Any], **more: str) -> Actions:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    environ = {"GITHUB_EVENT_NAME": name, "GITHUB_EVENT_PATH": str(path),
               "GITHUB_REPOSITORY": REPO, "GITHUB_RUN_ID": "7", **more}
    return Actions.from_environ(environ)


def _run_event(sha: str = SHA, **run: Any) -> dict[str, Any]:
    return {"repository": {"full_name": REPO}, "workflow_run": {
        "conclusion": "failure", "head_sha": sha, "head_branch": "main",
        "head_repository": {"full_name": REPO}, "html_url": "https://x/runs/1",
        "pull_requests": [], **run}}


def test_a_failed_workflow_run_names_its_commit_branch_and_pull_request(tmp_path: Path) -> None:
    pulls = [{"number": 4, "head": {"ref": "other"}}, {"number": 5, "head": {"ref": "feat"}}]
    failing = read_event(_actions(tmp_path, "workflow_run", _run_event(
        head_branch="feat", pull_requests=pulls)))
    assert failing == Failing("workflow_run", SHA, SHA, "feat", 5, "", "", "https://x/runs/1")


@pytest.mark.parametrize(("run", "skip"), [
    ({"conclusion": "success"}, "concluded success, not failure"),
    ({"conclusion": None}, "concluded without a conclusion"),
    ({"head_branch": "homeostasis/0123456789"}, "fixes of fixes are not made"),
])
def test_what_is_not_to_be_repaired_is_skipped(tmp_path: Path, run: dict[str, Any],
                                                skip: str) -> None:
    assert skip in read_event(_actions(tmp_path, "workflow_run", _run_event(**run))).skip


@pytest.mark.parametrize("head", [{"full_name": "mallory/shop"}, None])
def test_a_run_of_a_forks_code_is_untrusted(tmp_path: Path, head: dict[str, str] | None
                                            ) -> None:
    failing = read_event(_actions(tmp_path, "workflow_run", _run_event(head_repository=head)))
    assert "a fork's pull request" in failing.untrusted
    event = {"pull_request": {"number": 9, "head": {"ref": "patch", "sha": SHA, "repo": head},
                              "base": {"ref": "main", "repo": {"full_name": REPO}}}}
    failing = read_event(_actions(tmp_path, "pull_request_target", event, GITHUB_SHA="b" * 40))
    assert "(a fork)" in failing.untrusted
    assert (failing.commit, failing.tested, failing.branch, failing.pull) == (
        SHA, "b" * 40, "patch", 9)


def test_a_same_job_step_takes_the_jobs_commit_and_branch(tmp_path: Path) -> None:
    on_branch = read_event(_actions(tmp_path, "push", {}, GITHUB_SHA=SHA,
                                    GITHUB_REF="refs/heads/release/2", GITHUB_REF_NAME="2"))
    assert (on_branch.commit, on_branch.branch, on_branch.pull, on_branch.untrusted) == (
        SHA, "release/2", None, "")
    on_tag = read_event(_actions(tmp_path, "push", {}, GITHUB_SHA=SHA,
                                 GITHUB_REF="refs/tags/v1", GITHUB_REF_NAME="v1"))
    assert on_tag.branch is None


def test_a_missing_variable_or_a_broken_event_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ci", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("homeostasis: error: GITHUB_EVENT_NAME is not set") and \
        err.count("\n") == 1
    event = tmp_path / "event.json"
    for name, value in {"GITHUB_EVENT_NAME": "workflow_run", "GITHUB_EVENT_PATH": str(event),
                        "GITHUB_REPOSITORY": REPO}.items():
        monkeypatch.setenv(name, value)
    for text, said in [("{not json", "is not JSON"),
                       ('{"workflow_run": {"head_sha": "nope"}}', "is not shaped as GitHub "
                                                                  "writes it")]:
        event.write_text(text, encoding="utf-8")
        assert main(["ci", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1 and TRACEBACK not in err
    assert not (tmp_path / ".homeostasis").exists()


def test_the_token_is_not_in_the_environments_repr(tmp_path: Path) -> None:
    actions = _actions(tmp_path, "push", {}, GITHUB_TOKEN=TOKEN)
    assert actions.token == TOKEN and TOKEN not in repr(actions)


def test_outputs_are_blocks_no_value_can_break_out_of(tmp_path: Path) -> None:
    path = tmp_path / "out"
    write_outputs(path, {"status": "fixed\npr-url=https://evil", "cost": "0.0000"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("status<<ghadelimiter_")
    assert lines[1:3] == ["fixed", "pr-url=https://evil"] and lines[3] == lines[0][8:]
    assert lines[4].startswith("cost<<") and lines[5] == "0.0000"
    write_outputs(None, {"status": "x"})  # outside a runner: nothing, no error


# ── triage ───────────────────────────────────────────────────────────────────────────────────


def _result(baseline: TestRun) -> RunResult:
    return RunResult("r1", Path("/nowhere"), Outcome("nothing_to_fix", "nothing"),
                     baseline=baseline)


def test_triage_reads_what_the_loop_observed() -> None:
    failing = TestRun("ok", (TestResult("t::a", "failed"), TestResult("t::b", "passed")),
                      (Failure("t::a", "AssertionError", "no"),))
    assert triage_result(_result(failing)).verdict == "reproduced"
    flaky = TestRun("ok", (TestResult("t::a", "flaky"), TestResult("t::b", "passed")),
                    flaky=(Flaky("t::a", 3, 5),))
    triage = triage_result(_result(flaky))
    assert (triage.verdict, triage.repair) == ("flaky", False)
    assert "t::a (flaky: passed 3 of 5 runs)" in triage.detail
    passing = TestRun("ok", (TestResult("t::a", "passed"), TestResult("t::b", "passed")))
    assert triage_result(_result(passing)).verdict == "not-reproduced"


@pytest.mark.parametrize(("error", "verdict"), [
    (EnvironmentProblem("the tests need the module 'x'"), "environment"),
    (UnusableBaseline("test command not found: tox", status="not_found"), "environment"),
    (UnusableBaseline("the run tried to reach the network", status="network_blocked"),
     "environment"),
    (UnusableBaseline("the run passed its deadline", status="timeout"), "unusable"),
    (ProjectError("no such directory: x"), None),
])
def test_an_error_at_the_baseline_is_triaged(error: ProjectError, verdict: str | None) -> None:
    found = triage_error(error)
    assert (found.verdict if found else None) == verdict


# ── the report shows project text as text ────────────────────────────────────────────────────


def test_project_text_cannot_become_markdown() -> None:
    assert code("a `b` c") == "``a `b` c``"
    assert code("`x`") == "`` `x` ``"
    block = fenced("```\n@everyone <img src=x>\n```", "diff")
    assert block.startswith("````diff\n") and block.endswith("\n````")
    said = plain("ping @everyone <script>alert(1)</script> [a](http://x) **b**")
    for active in ("@", "<", "](", "**"):  # a mention, HTML, a link, emphasis
        assert not re.search(rf"(?<!\\){re.escape(active)}", said), active
    assert "\\@everyone" in said and "\\*\\*b\\*\\*" in said


# ── before anything is spent ─────────────────────────────────────────────────────────────────


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    return bare_origin(tmp_path)


@pytest.fixture
def checkout(tmp_path: Path, origin: Path) -> Path:
    return pushed_checkout(tmp_path, origin, {"calc/__init__.py": "", "calc/ops.py": OPS,
                                              "tests/test_ops.py": "from calc.ops import add\n"})


def _failing(checkout: Path, **more: Any) -> Failing:
    sha = git(checkout, "rev-parse", "HEAD")
    return Failing(**{"event": "workflow_run", "commit": sha, "tested": sha,
                      "branch": "main", **more})


def test_the_checkout_must_be_the_failing_commit(checkout: Path, tmp_path: Path) -> None:
    actions = _actions(tmp_path, "push", {}, GITHUB_TOKEN=TOKEN)
    check_ready("pr", _failing(checkout), actions, checkout)
    wrong = _failing(checkout, commit="c" * 40, tested="c" * 40)
    with pytest.raises(UsageError, match=r"is at [0-9a-f]{12}, not at the failing commit "
                                         r"cccccccccccc.*head_sha"):
        check_ready("dry-run", wrong, actions, checkout)


def test_what_delivery_needs_is_checked_first(checkout: Path, tmp_path: Path) -> None:
    no_token = _actions(tmp_path, "push", {})
    with pytest.raises(UsageError, match="no GitHub token: --mode pr talks to GitHub"):
        check_ready("pr", _failing(checkout), no_token, checkout)
    check_ready("dry-run", _failing(checkout), no_token, checkout)
    check_ready("pr", _failing(checkout, untrusted="a fork"), no_token, checkout)
    token = _actions(tmp_path, "push", {}, GITHUB_TOKEN=TOKEN, GITHUB_REF="refs/tags/v1")
    with pytest.raises(UsageError, match=r"not on a branch \(refs/tags/v1\)"):
        check_ready("pr", _failing(checkout, branch=None), token, checkout)
    check_ready("comment", _failing(checkout, branch=None), token, checkout)
    not_git = tmp_path / "plain"
    not_git.mkdir()
    with pytest.raises(UsageError, match="is not in a git checkout"):
        check_ready("pr", _failing(checkout), token, not_git)


# ── delivery's edge cases, with a fix made by hand ───────────────────────────────────────────


def _fix(root: Path, tmp_path: Path, text: str = OPS_FIXED) -> Fix:
    snapshot = Snapshot.take(root, tmp_path / f"snapshot-{len(text)}-{hash(text) % 1000}")
    cand = Candidate("t1", "templates", (Edit("calc/ops.py", "a - b", "a + b"),),
                     "calc/ops.py:2 in add: `a - b` → `a + b`")
    return Fix("run-1", cand, {"calc/ops.py": text}, dict(snapshot.hashes))


def _api_actions(tmp_path: Path, api: GitHubStandIn) -> Actions:
    return _actions(tmp_path, "workflow_run", {}, GITHUB_TOKEN=TOKEN, GITHUB_API_URL=api.url)


def test_a_repository_without_drafts_gets_a_ready_pull_request(
    checkout: Path, tmp_path: Path, github_api: GitHubStandIn
) -> None:
    github_api.fail_next(422, error_body("Validation Failed", [{
        "resource": "PullRequest", "code": "custom",
        "message": "Draft pull requests are not supported in this repository."}]),
        method="POST")
    done = deliver("pr", _fix(checkout, tmp_path), "00856020a1", _failing(checkout),
                   _api_actions(tmp_path, github_api), checkout, "the report")
    [pull] = github_api.open_pulls(REPO)
    assert (pull["draft"], pull["head"]["ref"], pull["base"]["ref"]) == (False, BRANCH, "main")
    assert done.pr_url == pull["html_url"] and done.branch == BRANCH
    assert [r.body.get("draft") for r in github_api.requests if r.method == "POST"] == [
        True, False]


def test_an_earlier_fix_on_the_branch_is_replaced_and_its_pull_request_updated(
    checkout: Path, origin: Path, tmp_path: Path, github_api: GitHubStandIn
) -> None:
    actions = _api_actions(tmp_path, github_api)
    first = deliver("pr", _fix(checkout, tmp_path, "def add(a, b):\n    return b + a\n"),
                    "00856020a1", _failing(checkout), actions, checkout, "first report")
    second = deliver("pr", _fix(checkout, tmp_path), "00856020a1", _failing(checkout),
                     actions, checkout, "second report")
    assert first.commit != second.commit
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == second.commit
    assert git(origin, "show", f"{second.commit}:calc/ops.py") + "\n" == OPS_FIXED
    [pull] = github_api.open_pulls(REPO)
    assert pull["body"] == "second report" and second.pr_url == first.pr_url
    assert "replacing an earlier fix" in second.lines[0]
    assert "updated the pull request" in second.lines[1]


def test_a_fix_branch_someone_else_committed_to_is_left_alone(
    checkout: Path, origin: Path, tmp_path: Path, github_api: GitHubStandIn
) -> None:
    actions = _api_actions(tmp_path, github_api)
    deliver("pr", _fix(checkout, tmp_path), "00856020a1", _failing(checkout), actions,
            checkout, "first report")
    # A person adds a commit to the fix's branch.
    other = tmp_path / "person"
    git(tmp_path, "clone", "-q", "-b", BRANCH, str(origin), str(other))
    (other / "NOTES.md").write_text("reviewed\n", encoding="utf-8")
    git(other, "add", "-A")
    git(other, *ALICE, "commit", "-q", "-m", "a note")
    git(other, "push", "-q", "origin", BRANCH)
    theirs = git(origin, "rev-parse", f"refs/heads/{BRANCH}")

    done = deliver("pr", _fix(checkout, tmp_path, "def add(a, b):\n    return b + a\n"),
                   "00856020a1", _failing(checkout), actions, checkout, "second report")

    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == theirs
    assert "left as it is" in done.lines[0]
    [said] = github_api.comments
    assert "second report" in said["body"] and "not made by Homeostasis" in said["body"]
    assert len(github_api.open_pulls(REPO)) == 1


def test_a_fix_branch_someone_else_made_without_a_pull_request_is_an_error(
    checkout: Path, origin: Path, tmp_path: Path, github_api: GitHubStandIn
) -> None:
    git(checkout, *ALICE, "push", "-q", "origin", f"HEAD:refs/heads/{BRANCH}")
    with pytest.raises(DeployError, match=r"has commits not made by Homeostasis.*nothing was "
                                          r"pushed"):
        deliver("pr", _fix(checkout, tmp_path), "00856020a1", _failing(checkout),
                _api_actions(tmp_path, github_api), checkout, "report")
    assert github_api.open_pulls(REPO) == []
