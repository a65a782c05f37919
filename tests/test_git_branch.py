"""push_fix / GitBranchDeployer with real git: a bare repository as ``origin``, a clone of it
as the user's checkout, and no git identity configured anywhere, as on a CI runner."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import ALICE, bare_origin, git, pushed_checkout, write_files
from homeostasis.core.errors import DeployError
from homeostasis.core.project import read_source
from homeostasis.core.records import Candidate, Edit
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.git_branch import (
    BOT,
    GitBranchDeployer,
    branch_for,
    failure_fingerprint,
    push_fix,
)
from homeostasis.tools.sandbox.snapshot import Snapshot

OPS = "def add(a, b):\n    return a - b\n"
OPS_FIXED = "def add(a, b):\n    return a + b\n"
BRANCH = "homeostasis/00856020a1"
#: A token as GitHub Actions hands out, for the messages that must never show it.
TOKEN = "ghs_" + "Tk3nF0rT3st5" * 3
#: Who the user is in their own commits; the fix's commit must not be theirs.



@pytest.fixture(autouse=True)
def _no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No global or system git configuration and no identity in the environment: a CI runner."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


def _commit_all(checkout: Path, message: str) -> str:
    git(checkout, "add", "-A")
    git(checkout, *ALICE, "commit", "-q", "-m", message)
    return git(checkout, "rev-parse", "HEAD")


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    return bare_origin(tmp_path)


@pytest.fixture
def checkout(tmp_path: Path, origin: Path) -> Path:
    """The user's clone of ``origin`` with one commit of a small project on ``main``."""
    return pushed_checkout(tmp_path, origin, {
        "calc/__init__.py": "", "calc/ops.py": OPS, "README.md": "calc\n",
        "tests/test_ops.py": "from calc.ops import add\n"})


def _fix(root: Path, tmp_path: Path, texts: dict[str, str] | None = None) -> Fix:
    """The fix of ``add``, with the hashes of a snapshot of ``root`` taken now."""
    snapshot = Snapshot.take(root, tmp_path / "snapshot")
    cand = Candidate("t1-1", "templates", (Edit("calc/ops.py", "a - b", "a + b"),),
                     "Replace `-` with `+` in add")
    return Fix("run-1", cand, texts or {"calc/ops.py": OPS_FIXED}, dict(snapshot.hashes))


def _users_state(checkout: Path) -> dict[str, Any]:
    """Everything of the checkout a user sees: its files, index, HEAD and branches."""
    files = {p.relative_to(checkout).as_posix(): p.read_bytes()
             for p in sorted(checkout.rglob("*"))
             if p.is_file() and ".git" not in p.relative_to(checkout).parts}
    return {
        "files": files,
        "index": (checkout / ".git" / "index").read_bytes(),
        "HEAD": (checkout / ".git" / "HEAD").read_bytes(),
        "head": git(checkout, "rev-parse", "HEAD"),
        "branches": git(checkout, "for-each-ref", "refs/heads"),
        "status": git(checkout, "--no-optional-locks", "status", "--porcelain"),
    }


def _refs(repo: Path) -> str:
    return git(repo, "for-each-ref")


def test_the_fix_is_one_bot_commit_on_the_base_pushed_as_a_new_branch(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    base = git(checkout, "rev-parse", "HEAD")
    fix = _fix(checkout, tmp_path)
    # The user works on: a later commit changes the same file, then uncommitted and staged
    # edits. The fix still goes on the commit whose tests failed.
    (checkout / "calc" / "ops.py").write_text(OPS + "\ndef sub(a, b):\n    return a - b\n")
    _commit_all(checkout, "later")
    (checkout / "README.md").write_text("calc, being edited\n")
    (checkout / "notes.txt").write_text("staged\n")
    git(checkout, "add", "notes.txt")
    before = _users_state(checkout)
    main_on_origin = git(origin, "rev-parse", "main")

    pushed = push_fix(checkout, fix, base=base, branch=BRANCH)

    assert (pushed.branch, pushed.base_sha) == (BRANCH, base)
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == pushed.commit_sha
    assert git(origin, "rev-list", "--parents", "-n", "1", pushed.commit_sha).split() == [
        pushed.commit_sha, base]
    assert git(origin, "show", f"{pushed.commit_sha}:calc/ops.py") + "\n" == OPS_FIXED
    assert git(origin, "diff", "--name-only", base, pushed.commit_sha) == "calc/ops.py"
    who = git(origin, "log", "-1", "--format=%an <%ae>|%cn <%ce>|%s", pushed.commit_sha)
    bot = f"{BOT.name} <{BOT.email}>"
    assert who == f"{bot}|{bot}|Replace `-` with `+` in add"
    assert git(origin, "rev-parse", "main") == main_on_origin
    after = _users_state(checkout)
    assert after.pop("branches") != before.pop("branches")  # the fix's branch, see below
    assert after == before


def test_the_users_branches_other_than_the_fixs_are_untouched(
    checkout: Path, tmp_path: Path
) -> None:
    before = _users_state(checkout)
    push_fix(checkout, _fix(checkout, tmp_path), base="HEAD", branch=BRANCH)
    after = _users_state(checkout)
    added = set(after.pop("branches").splitlines()) - set(before.pop("branches").splitlines())
    assert after == before
    assert [line.split("\t")[1] for line in added] == [f"refs/heads/{BRANCH}"]


def test_the_deployer_says_what_it_pushed(checkout: Path, origin: Path, tmp_path: Path) -> None:
    base = git(checkout, "rev-parse", "HEAD")
    deployer = GitBranchDeployer(checkout, base=base, branch=BRANCH)
    outcome = deployer.deploy(_fix(checkout, tmp_path))
    assert deployer.pushed is not None
    assert (outcome.status, outcome.candidate_id, outcome.files) == (
        "applied", "t1-1", ("calc/ops.py",))
    assert BRANCH in outcome.detail and deployer.pushed.commit_sha[:12] in outcome.detail
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == deployer.pushed.commit_sha


@pytest.mark.parametrize("branch", ["main", "fix/add", "homeostasisx/1", "homeostasis/",
                                    "homeostasis/../main", "homeostasis/a b"])
def test_only_branches_under_homeostasis_are_written(
    checkout: Path, origin: Path, tmp_path: Path, branch: str
) -> None:
    fix = _fix(checkout, tmp_path)
    ours, theirs, objects = _refs(checkout), _refs(origin), git(checkout, "count-objects")
    with pytest.raises(DeployError, match="nothing was pushed"):
        push_fix(checkout, fix, base="HEAD", branch=branch)
    assert (_refs(checkout), _refs(origin)) == (ours, theirs)
    assert git(checkout, "count-objects") == objects


def test_a_file_changed_since_the_snapshot_is_refused_with_nothing_written(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    # The fix was tested on a snapshot with an edit of ops.py that the base commit lacks.
    (checkout / "calc" / "ops.py").write_text(OPS + "# edited\n")
    fix = _fix(checkout, tmp_path)
    state, theirs, objects = _users_state(checkout), _refs(origin), git(checkout, "count-objects")
    with pytest.raises(DeployError, match=r"calc/ops\.py at [0-9a-f]{12} is not the file the "
                                          r"fix was tested on; nothing was pushed"):
        push_fix(checkout, fix, base="HEAD", branch=BRANCH)
    assert (_users_state(checkout), _refs(origin)) == (state, theirs)
    assert git(checkout, "count-objects") == objects


def test_a_file_the_snapshot_did_not_have_is_refused(checkout: Path, tmp_path: Path) -> None:
    fix = _fix(checkout, tmp_path)
    fix = dataclasses.replace(fix, snapshot_hashes={
        p: h for p, h in fix.snapshot_hashes.items() if p != "calc/ops.py"})
    with pytest.raises(DeployError, match="not the file the fix was tested on"):
        push_fix(checkout, fix, base="HEAD", branch=BRANCH)


def test_a_new_file_is_added(checkout: Path, origin: Path, tmp_path: Path) -> None:
    fix = _fix(checkout, tmp_path, {"calc/ops.py": OPS_FIXED, "calc/extra.py": "X = 1\n"})
    pushed = push_fix(checkout, fix, base="HEAD", branch=BRANCH)
    assert git(origin, "diff", "--name-status", pushed.base_sha, pushed.commit_sha) == (
        "A\tcalc/extra.py\nM\tcalc/ops.py")


def test_a_symlink_at_the_base_is_not_overwritten(checkout: Path, tmp_path: Path) -> None:
    (checkout / "link.py").symlink_to("calc/ops.py")
    _commit_all(checkout, "a link")
    fix = _fix(checkout, tmp_path, {"link.py": OPS_FIXED})
    with pytest.raises(DeployError, match=r"link\.py is a symlink at"):
        push_fix(checkout, fix, base="HEAD", branch=BRANCH)


def test_an_existing_branch_on_the_remote_is_replaced_only_when_asked(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    first = push_fix(checkout, _fix(checkout, tmp_path), base="HEAD", branch=BRANCH)
    (checkout / "README.md").write_text("calc, later\n")
    later = _commit_all(checkout, "later")
    fix = _fix(checkout, tmp_path / "again")
    with pytest.raises(DeployError, match=f"origin already has a branch {BRANCH}"):
        push_fix(checkout, fix, base=later, branch=BRANCH)
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == first.commit_sha
    assert git(checkout, "rev-parse", f"refs/heads/{BRANCH}") == first.commit_sha

    second = push_fix(checkout, fix, base=later, branch=BRANCH, replace=True)
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == second.commit_sha
    assert git(origin, "rev-parse", f"{second.commit_sha}^") == later


def test_a_branch_a_person_committed_to_is_never_replaced(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    push_fix(checkout, _fix(checkout, tmp_path), base="HEAD", branch=BRANCH)
    git(checkout, "switch", "-q", BRANCH)
    (checkout / "README.md").write_text("calc, with Alice's note on the fix\n")
    theirs = _commit_all(checkout, "a note on the fix")
    git(checkout, "push", "-q", "origin", BRANCH)
    git(checkout, "switch", "-q", "main")

    with pytest.raises(DeployError, match=f"origin's {BRANCH} has commits not made by "
                                          r"homeostasis\[bot\]: it is not replaced"):
        push_fix(checkout, _fix(checkout, tmp_path / "again"), base="main", branch=BRANCH,
                 replace=True)
    assert git(origin, "rev-parse", f"refs/heads/{BRANCH}") == theirs


def test_the_base_must_be_in_the_repository(checkout: Path, tmp_path: Path) -> None:
    with pytest.raises(DeployError, match="the base commit 0123456789abcdef0123456789abcdef"
                                          "01234567 is not in the repository"):
        push_fix(checkout, _fix(checkout, tmp_path),
                 base="0123456789abcdef0123456789abcdef01234567", branch=BRANCH)


def test_a_fix_that_changes_nothing_is_refused(checkout: Path, tmp_path: Path) -> None:
    with pytest.raises(DeployError, match="the fix changes nothing"):
        push_fix(checkout, _fix(checkout, tmp_path, {"calc/ops.py": OPS}), base="HEAD",
                 branch=BRANCH)


def test_a_failed_push_is_one_line_without_the_token_and_leaves_no_branch(
    checkout: Path, tmp_path: Path
) -> None:
    # Fetching works (so the remote's branches can be listed); pushing goes where nothing
    # listens, with the token in the URL as a credential and (as git shows paths) in the path.
    git(checkout, "remote", "set-url", "--push", "origin",
        f"https://x-access-token:{TOKEN}@127.0.0.1:1/{TOKEN}/shop.git")
    ours = _refs(checkout)
    with pytest.raises(DeployError) as caught:
        push_fix(checkout, _fix(checkout, tmp_path), base="HEAD", branch=BRANCH)
    message = str(caught.value)
    assert message.startswith(f"could not push {BRANCH} to origin; nothing was pushed: ")
    assert "127.0.0.1" in message and "\n" not in message
    assert TOKEN not in message and "Tk3n" not in message
    assert _refs(checkout) == ours


def test_an_unreachable_remote_is_one_line_without_the_token(
    checkout: Path, tmp_path: Path
) -> None:
    git(checkout, "remote", "set-url", "origin",
        f"https://x-access-token:{TOKEN}@127.0.0.1:1/{TOKEN}/shop.git")
    with pytest.raises(DeployError, match="could not reach origin; nothing was pushed") as caught:
        push_fix(checkout, _fix(checkout, tmp_path), base="HEAD", branch=BRANCH)
    assert "Tk3n" not in str(caught.value) and "\n" not in str(caught.value)


def test_a_branch_checked_out_is_not_moved(checkout: Path, tmp_path: Path) -> None:
    fix = _fix(checkout, tmp_path)
    git(checkout, "switch", "-q", "-c", BRANCH)
    with pytest.raises(DeployError, match=f"{BRANCH} is checked out in"):
        push_fix(checkout, fix, base="HEAD", branch=BRANCH)


def test_a_project_in_a_folder_of_the_repository(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    write_files(checkout, {"svc/calc/ops.py": OPS})
    (checkout / "svc" / "calc" / "ops.py").chmod(0o755)
    _commit_all(checkout, "a service")
    pushed = push_fix(checkout / "svc", _fix(checkout / "svc", tmp_path), base="HEAD",
                      branch=BRANCH)
    assert git(origin, "diff", "--name-only", pushed.base_sha, pushed.commit_sha) == (
        "svc/calc/ops.py")
    assert git(origin, "ls-tree", pushed.commit_sha, "svc/calc/ops.py").startswith("100755 ")


def test_a_checkout_that_converts_line_endings(
    checkout: Path, origin: Path, tmp_path: Path
) -> None:
    """On a runner with core.autocrlf (Windows'), the checkout has CRLF and the repository LF:
    the fix is checked against the CRLF file and committed as git add would, in LF."""
    git(checkout, "config", "core.autocrlf", "true")
    (checkout / "calc" / "ops.py").unlink()
    git(checkout, "checkout", "--", "calc/ops.py")
    assert (checkout / "calc" / "ops.py").read_bytes() == OPS.replace("\n", "\r\n").encode()
    text = read_source(checkout / "calc" / "ops.py")
    assert text is not None
    fix = _fix(checkout, tmp_path, {"calc/ops.py": text.replace("a - b", "a + b")})
    pushed = push_fix(checkout, fix, base="HEAD", branch=BRANCH)
    blob = subprocess.run(["git", "cat-file", "blob", f"{pushed.commit_sha}:calc/ops.py"],
                          cwd=origin, capture_output=True, check=True).stdout
    assert blob == OPS_FIXED.encode()


def test_the_failure_fingerprint_is_stable_and_order_free() -> None:
    tests = ["tests/test_ops.py::test_add", "tests/test_ops.py::test_sub"]
    fingerprint = failure_fingerprint(tests, ["AssertionError"])
    # Pinned: a fingerprint that changed between releases would lose every open fix branch.
    assert fingerprint == "00856020a1"
    assert failure_fingerprint([*reversed(tests), tests[0]], ["AssertionError"]) == fingerprint
    assert failure_fingerprint(tests, ["KeyError"]) != fingerprint
    assert failure_fingerprint(tests[:1], [tests[1]]) != failure_fingerprint(tests, [])
    assert branch_for(fingerprint) == BRANCH
