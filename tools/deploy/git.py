"""Running git on the user's repository, and what the deployers read of it.

:func:`git` runs one git command at a repository's top folder with nothing asked of the
terminal, in the C locale, and without variables that would point it at another repository;
a failure (or git missing, or too slow) is a :class:`~homeostasis.core.errors.DeployError`
whose message is git's own, cut to one line and cleaned of credentials (a remote URL with a
token in it). The rest are small reads: the work tree's top, a commit, a branch's tip here or
on a remote, the checkout that holds a branch, and a commit fetched by its sha.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from homeostasis.core.errors import DeployError
from homeostasis.core.redaction import redact, without_credentials

#: Variables that would point git at another repository, work tree or index than the one meant.
_FOREIGN_GIT_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX")
#: How long a local git command and a network one (ls-remote, fetch, push) may take, in seconds.
LOCAL_TIMEOUT = 60.0
NETWORK_TIMEOUT = 300.0
_MESSAGE_CHARS = 300
#: Words by which a line a git server sends (``remote: …``) explains a refusal, not progress.
_REMOTE_COMPLAINTS = ("error", "denied", "permission", "declined", "protected", "refus")


def _one_line(output: str) -> str:
    """The line of git's ``output`` that says what went wrong, with the server's own
    explanation when it gave one, cleaned of credentials and cut to a readable length."""
    lines = [" ".join(line.split()) for line in output.splitlines() if line.strip()]
    if not lines:
        return ""
    main = next((line for marker in ("[remote rejected]", "[rejected]", "fatal:", "error:")
                 for line in lines if marker in line), lines[-1])
    remote = next((line for line in lines if line.startswith("remote:")
                   and any(word in line.lower() for word in _REMOTE_COMPLAINTS)), None)
    said = main.removeprefix("fatal: ").removeprefix("error: ")
    if remote is not None and remote != main:
        said += f" ({remote})"
    said, _ = redact(without_credentials(said), "git")
    return said if len(said) <= _MESSAGE_CHARS else said[: _MESSAGE_CHARS - 1] + "…"


def _env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_GIT_VARIABLES}
    env.update({"GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})  # never wait for a password
    env.update(extra or {})
    return env


def git(top: Path, *args: str, doing: str, stdin: bytes | None = None,
         env: Mapping[str, str] | None = None, timeout: float = LOCAL_TIMEOUT,
         hint: str = "") -> bytes:
    """git's standard output for ``args`` run at ``top``; a :class:`DeployError` that says
    "``doing``: <git's message>" (``hint`` as its hint) when git fails, is missing or takes
    too long."""
    try:  # an empty standard input: nothing git (or ssh) could ask is answered here
        done = subprocess.run(["git", *args], cwd=top, input=stdin or b"", capture_output=True,
                              env=_env(env), timeout=timeout, check=False)
    except FileNotFoundError:
        raise DeployError(f"{doing}: git is not installed", "install git") from None
    except subprocess.TimeoutExpired:
        raise DeployError(f"{doing}: git {args[0]} took more than {timeout:g} s") from None
    if done.returncode != 0:
        said = _one_line(done.stderr.decode(errors="replace"))
        raise DeployError(f"{doing}: {said}" if said else doing, hint)
    return done.stdout


def text(data: bytes) -> str:
    return data.decode(errors="replace").strip()


def top_and_prefix(repo: Path) -> tuple[Path, str]:
    """The work tree's top folder, and ``repo``'s path inside it (``""`` or ``"sub/dir/"``):
    a fix's paths are relative to the project, which may be a folder of the repository."""
    doing = f"{repo} is not a folder of a git checkout"
    top = Path(text(git(repo, "rev-parse", "--show-toplevel", doing=doing)))
    prefix = text(git(repo, "rev-parse", "--show-prefix", doing=doing))
    return top, prefix


def resolve_commit(top: Path, base: str) -> str:
    if not base or base.startswith("-"):
        raise DeployError(f"{base!r} is not a commit; nothing was pushed")
    return text(git(
        top, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}",
        doing=f"the base commit {base} is not in the repository; nothing was pushed",
        hint="fetch it first: a shallow checkout may not have it"))


def remote_tip(top: Path, remote: str, branch: str) -> str | None:
    listed = text(git(top, "ls-remote", "--", remote, f"refs/heads/{branch}",
                        doing=f"could not reach {remote}; nothing was pushed",
                        timeout=NETWORK_TIMEOUT))
    for line in listed.splitlines():
        sha, _, ref = line.partition("\t")
        if ref == f"refs/heads/{branch}":
            return sha
    return None


def local_tip(top: Path, ref: str) -> str | None:
    try:
        return text(git(top, "rev-parse", "--verify", "--quiet", ref, doing=""))
    except DeployError:
        return None


def checked_out_at(top: Path, ref: str) -> str | None:
    """The work tree (of any linked to this repository) that has ``ref`` checked out."""
    listed = text(git(top, "worktree", "list", "--porcelain",
                        doing="could not list the repository's checkouts"))
    where = ""
    for line in listed.splitlines():
        if line.startswith("worktree "):
            where = line.removeprefix("worktree ")
        elif line == f"branch {ref}":
            return where
    return None


def fetch_commit(repo: Path, sha: str, remote: str = "origin") -> None:
    """Make commit ``sha`` of ``remote`` available in ``repo`` (nothing is done when it is
    there already): fetched by its sha, no ref written, one commit deep in a shallow clone."""
    top, _ = top_and_prefix(repo)
    if local_tip(top, f"{sha}^{{commit}}") is not None:
        return
    if not sha or sha.startswith("-") or remote.startswith("-"):
        raise DeployError(f"cannot fetch {sha!r} from {remote!r}")
    shallow = text(git(top, "rev-parse", "--is-shallow-repository",
                         doing="could not read the repository")) == "true"
    git(top, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
         *(["--depth=1"] if shallow else []), remote, sha, timeout=NETWORK_TIMEOUT,
         doing=f"could not fetch {sha[:12]} from {remote}",
         hint="check that the checkout's remote is the repository that failed")


def tree_of(repo: Path, commit: str) -> str:
    """The sha of ``commit``'s tree."""
    top, _ = top_and_prefix(repo)
    return text(git(top, "rev-parse", f"{resolve_commit(top, commit)}^{{tree}}",
                      doing=f"could not read the tree of {commit[:12]}"))


def checked_out_commit(repo: Path) -> str | None:
    """The commit checked out at ``repo`` (``HEAD``), or None when ``repo`` is not in a git
    checkout or has no commit yet."""
    try:
        top, _ = top_and_prefix(repo)
    except DeployError:
        return None
    return local_tip(top, "HEAD^{commit}")
