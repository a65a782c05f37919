"""Put a tested fix on a new branch of the user's git repository, as one commit, and push it.

The user's checkout is never touched. The commit is made of objects alone: the new bytes of
each file go into the object store (``git hash-object -w``), a temporary index of our own
(``GIT_INDEX_FILE``) starts from the base commit's tree and takes the new blobs, ``git
write-tree`` and ``git commit-tree`` make the commit, and ``git update-ref`` points the branch at
it. The working tree, the real index and HEAD stay as they were, byte for byte. The commit's
parent is the base commit the caller names (the one whose tests failed), never whatever happens
to be checked out.

Before anything is written, each touched file must hold, at the base commit, the bytes the fix
was tested on (the snapshot's hash). Both sides are read as a checkout sees them: the old file
as a checkout would write it (``git cat-file --filters``), the new one stored as ``git add``
would store it (``git hash-object --path``), so a runner that converts line endings (Windows'
``core.autocrlf``) neither refuses every fix nor commits a file with every line changed.

Only branches under ``homeostasis/`` are written or pushed, so the base branch and every other
branch are out of reach. An existing branch of ours (an earlier fix of the same failure) is
replaced only when asked, by a forced push leased on what the remote had a moment before. The
author and committer are a bot identity of our own, given in the environment, because a CI
runner has no git identity configured.

No token is handled here: a push over HTTPS uses whatever credential the checkout configured
(``actions/checkout`` keeps one in the repository's config). Git's own messages are cut to one
line and cleaned of credentials (a remote URL with a token in it) before they reach a
:class:`~homeostasis.core.errors.DeployError`.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from homeostasis.core.errors import DeployError
from homeostasis.core.project import encode_source
from homeostasis.core.records import Outcome
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.git import (
    NETWORK_TIMEOUT,
    checked_out_at,
    fetch_commit,
    git,
    local_tip,
    remote_tip,
    resolve_commit,
    text,
    top_and_prefix,
)

#: Every branch this module writes starts with this; no other branch can be written or pushed.
BRANCH_PREFIX = "homeostasis/"

_REGULAR_MODES = ("100644", "100755")
_ZERO_SHA = "0" * 40


@dataclass(frozen=True)
class Identity:
    """Who a commit says wrote it; by default the bot identity of Homeostasis itself."""

    name: str = "homeostasis[bot]"
    email: str = "homeostasis-bot@users.noreply.github.com"

    def env(self) -> dict[str, str]:
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }


BOT = Identity()


@dataclass(frozen=True)
class PushedBranch:
    """A fix on the remote: ``branch`` points at ``commit_sha``, whose parent is ``base_sha``."""

    branch: str
    commit_sha: str
    base_sha: str


def failure_fingerprint(test_ids: Iterable[str], exception_types: Iterable[str] = ()) -> str:
    """Ten hex digits that name a failure: the same failing tests with the same exception
    types give the same fingerprint on every run and machine, in whatever order they are
    listed, so a later run on the same failure finds its branch (and pull request) again."""
    tests = "\n".join(sorted(set(test_ids)))
    types = "\n".join(sorted(set(exception_types)))
    return hashlib.sha256(f"{tests}\0{types}".encode()).hexdigest()[:10]


def branch_for(fingerprint: str) -> str:
    """The branch that holds the fix of the failure with this fingerprint."""
    return BRANCH_PREFIX + fingerprint


def commit_message(fix: Fix) -> str:
    """The message of the commit that holds ``fix``: its description as the subject, where it
    came from as the body."""
    cand = fix.candidate
    subject = " ".join(cand.description.split()) or f"Apply candidate {cand.id}"
    if len(subject) > 72:
        subject = subject[:71] + "…"
    return (f"{subject}\n\nCandidate {cand.id} ({cand.proposer}) of Homeostasis run "
            f"{fix.run_id}, tested against the project's own tests.\n")


def _tree_path(prefix: str, path: str) -> str:
    pure = PurePosixPath(path)
    if (not path or pure.is_absolute() or str(pure) != path
            or any(part in ("..", ".") or part.lower() == ".git" for part in pure.parts)):
        raise DeployError(f"the fix names a file git cannot take: {path!r}; nothing was pushed")
    return prefix + path


def _at_base(top: Path, base_sha: str, path: str) -> tuple[str, bytes] | None:
    """The mode of ``path`` at the base commit and its bytes as a checkout would write them;
    None when it is not there. A :class:`DeployError` when it is not a regular file."""
    doing = f"could not read {path} at {base_sha[:12]}"
    listed = git(top, "ls-tree", "-z", base_sha, "--", path, doing=doing)
    if not listed:
        return None
    mode, kind, _ = listed.split(b"\t", 1)[0].decode().split(" ")
    if kind != "blob" or mode not in _REGULAR_MODES:
        what = {"120000": "a symlink", "160000": "a submodule"}.get(mode, f"a {kind}")
        raise DeployError(f"{path} is {what} at {base_sha[:12]}, not a file; nothing was pushed")
    return mode, git(top, "cat-file", "--filters", f"{base_sha}:{path}", doing=doing)


def commit_fix(repo: Path, base: str, texts: Mapping[str, str],
               snapshot_hashes: Mapping[str, str], message: str,
               identity: Identity = BOT) -> str:
    """Make a commit whose parent is ``base`` and whose tree is ``base``'s with each file of
    ``texts`` (path relative to ``repo`` → whole new text) in place; returns its sha.

    Only objects are written: no branch, index, working-tree file or HEAD changes. Raises
    :class:`DeployError`, writing nothing, when a file at ``base`` is not the one the fix was
    tested on (its hash is not ``snapshot_hashes[path]``, or it appeared or vanished) or is not
    a regular file, or when the fix changes nothing at ``base``.
    """
    top, prefix = top_and_prefix(repo)
    base_sha = resolve_commit(top, base)
    new: dict[str, tuple[str, bytes]] = {}
    for path in sorted(texts):
        full = _tree_path(prefix, path)
        found = _at_base(top, base_sha, full)
        expected = snapshot_hashes.get(path)
        if (found is None) != (expected is None) or (
            found is not None and hashlib.sha256(found[1]).hexdigest() != expected
        ):
            raise DeployError(
                f"{path} at {base_sha[:12]} is not the file the fix was tested on; "
                "nothing was pushed",
                "run Homeostasis again on that commit's files",
            )
        mode, old = found or ("100644", b"")
        new[full] = (mode, encode_source(texts[path], old))
    doing = "could not build the fix's commit"
    infos = []
    for full, (mode, data) in new.items():
        blob = text(git(top, "hash-object", "-w", "--stdin", "--path", full, stdin=data,
                          doing=doing))
        infos += ["--cacheinfo", f"{mode},{blob},{full}"]
    with tempfile.TemporaryDirectory(prefix="homeostasis-index-") as scratch:
        index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        git(top, "read-tree", base_sha, env=index, doing=doing)
        git(top, "update-index", "--add", *infos, env=index, doing=doing)
        tree = text(git(top, "write-tree", env=index, doing=doing))
    if tree == text(git(top, "rev-parse", f"{base_sha}^{{tree}}", doing=doing)):
        raise DeployError(f"the fix changes nothing at {base_sha[:12]}; nothing was pushed")
    return text(git(top, "commit-tree", "--no-gpg-sign", tree, "-p", base_sha, "-F", "-",
                      stdin=message.encode(), env=identity.env(), doing=doing))


# ── the branch ───────────────────────────────────────────────────────────────────────────────


def _check_branch(top: Path, branch: str) -> None:
    if not branch.startswith(BRANCH_PREFIX):
        raise DeployError(
            f"refusing to write branch {branch!r}: Homeostasis only pushes to branches under "
            f"{BRANCH_PREFIX}; nothing was pushed")
    git(top, "check-ref-format", f"refs/heads/{branch}",
         doing=f"{branch!r} is not a valid branch name; nothing was pushed")


def push_fix(repo: Path, fix: Fix, *, base: str, branch: str, message: str | None = None,
             remote: str = "origin", identity: Identity = BOT,
             replace: bool = False) -> PushedBranch:
    """Commit ``fix`` on ``base`` (:func:`commit_fix`), point the local ``branch`` at it and
    push that branch to ``remote``; returns what was pushed.

    ``branch`` must start with :data:`BRANCH_PREFIX`. When ``remote`` already has ``branch``
    it is replaced only if ``replace`` (a push forced with a lease on the commit seen there),
    and never when its tip was made by anyone but ``identity`` (a person's commits on it).
    Raises :class:`DeployError` with nothing pushed and the local branch as it was (a stray
    commit object may be left for git's garbage collection) when any step fails.
    """
    if remote.startswith("-"):
        raise DeployError(f"{remote!r} is not a remote; nothing was pushed")
    top, _ = top_and_prefix(repo)
    _check_branch(top, branch)
    base_sha = resolve_commit(top, base)
    _refuse_checked_out(top, branch)
    seen = remote_fix_branch(repo, branch, remote)
    if seen is not None and not replace:
        raise DeployError(f"{remote} already has a branch {branch}; nothing was pushed",
                          "it holds an earlier fix of the same failure: replace it, or "
                          "delete the branch")
    if seen is not None and not seen.made_by(identity):
        raise DeployError(f"{remote}'s {branch} has commits not made by {identity.name}: it "
                          "is not replaced; nothing was pushed",
                          "merge or delete that branch, then run again")
    commit = commit_fix(repo, base_sha, fix.texts, fix.snapshot_hashes,
                        message or commit_message(fix), identity)
    return push_commit(repo, commit, branch=branch, remote=remote,
                       lease=(seen.commit_sha if seen else "") if replace else None)


def push_commit(repo: Path, commit: str, *, branch: str, remote: str = "origin",
                lease: str | None = None) -> PushedBranch:
    """Point the local ``branch`` at ``commit`` (made by :func:`commit_fix`) and push it to
    ``remote``; returns what was pushed.

    ``lease`` None: a plain push, which git refuses when the remote's ``branch`` is not an
    ancestor of ``commit``. A sha: the remote's ``branch`` is replaced only if it still points
    there; ``""``: only if the remote has no such branch. ``branch`` must start with
    :data:`BRANCH_PREFIX`. Raises :class:`DeployError` with nothing pushed and the local
    branch as it was when any step fails.
    """
    if remote.startswith("-"):
        raise DeployError(f"{remote!r} is not a remote; nothing was pushed")
    top, _ = top_and_prefix(repo)
    _check_branch(top, branch)
    _refuse_checked_out(top, branch)
    commit = resolve_commit(top, commit)
    base_sha = text(git(top, "rev-parse", f"{commit}^", doing=f"{commit[:12]} has no parent; "
                          "nothing was pushed"))
    ref = f"refs/heads/{branch}"
    before = local_tip(top, ref)
    git(top, "update-ref", "-m", f"homeostasis: fix on {base_sha[:12]}", ref, commit,
         before or _ZERO_SHA, doing=f"could not write the branch {branch}; nothing was pushed")
    forced = [f"--force-with-lease={ref}:{lease}"] if lease is not None else []
    try:
        git(top, "push", *forced, remote, f"{ref}:{ref}", timeout=NETWORK_TIMEOUT,
             doing=f"could not push {branch} to {remote}; nothing was pushed")
    except DeployError as failed:
        if before is None:
            git(top, "update-ref", "-d", ref, commit, doing=f"could not remove {branch}")
        else:
            git(top, "update-ref", ref, before, commit, doing=f"could not restore {branch}")
        raise DeployError(failed.message, _push_hint(failed.message)) from None
    return PushedBranch(branch, commit, base_sha)


def _refuse_checked_out(top: Path, branch: str) -> None:
    checkout = checked_out_at(top, f"refs/heads/{branch}")
    if checkout is not None:
        raise DeployError(f"{branch} is checked out in {checkout}; nothing was pushed",
                          "switch that checkout to another branch")


# ── what is already there ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class RemoteFix:
    """The tip of a fix branch on the remote: its commit, that commit's first parent (None
    for a root commit), its tree, and the e-mail addresses of its author and committer."""

    commit_sha: str
    parent_sha: str | None
    tree_sha: str
    author_email: str
    committer_email: str

    def made_by(self, identity: Identity = BOT) -> bool:
        """Whether ``identity`` wrote this commit (no person added to the branch since)."""
        return self.author_email == identity.email == self.committer_email


def remote_fix_branch(repo: Path, branch: str, remote: str = "origin") -> RemoteFix | None:
    """What ``remote`` holds on ``branch`` (under :data:`BRANCH_PREFIX`), or None when it has
    no such branch. The tip's objects are fetched by their sha, with no ref written (not even
    ``FETCH_HEAD``); a shallow checkout fetches that one commit only."""
    if remote.startswith("-"):
        raise DeployError(f"{remote!r} is not a remote")
    top, _ = top_and_prefix(repo)
    _check_branch(top, branch)
    seen = remote_tip(top, remote, branch)
    if seen is None:
        return None
    fetch_commit(repo, seen, remote)
    fields = text(git(top, "show", "-s", "--format=%T%x00%P%x00%ae%x00%ce", seen,
                        doing=f"could not read the tip of {branch}")).split("\0")
    tree, parents, author, committer = [*fields, "", "", ""][:4]
    return RemoteFix(seen, parents.split()[0] if parents.split() else None, tree, author,
                     committer)


def _push_hint(message: str) -> str:
    if any(word in message for word in ("403", "denied", "not accessible")):
        return "the token needs `contents: write` permission on the repository"
    if "rejected" in message:
        return "the branch changed on the remote meanwhile; try again"
    return ""


class GitBranchDeployer:
    """Pushes the fix as one commit on ``base`` to ``branch`` of ``remote`` (see the module
    docstring); :attr:`pushed` says what went where once :meth:`deploy` has run."""

    name = "branch"

    def __init__(self, repo: Path, *, base: str, branch: str, remote: str = "origin",
                 identity: Identity = BOT, replace: bool = False) -> None:
        self.repo = repo
        self.base = base
        self.branch = branch
        self.remote = remote
        self.identity = identity
        self.replace = replace
        self.pushed: PushedBranch | None = None

    def deploy(self, fix: Fix) -> Outcome:
        self.pushed = push_fix(self.repo, fix, base=self.base, branch=self.branch,
                               remote=self.remote, identity=self.identity,
                               replace=self.replace)
        files = tuple(sorted(fix.texts))
        detail = (f"Pushed {fix.candidate.id} to {self.remote} as {self.branch} "
                  f"(commit {self.pushed.commit_sha[:12]} on {self.pushed.base_sha[:12]})")
        return Outcome("applied", detail, fix.candidate.id, files)
