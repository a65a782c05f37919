"""Where a fix found by ``homeostasis ci`` goes, by mode:

- ``pr``: one bot-authored commit on the failing commit, pushed with git to the checkout's
  ``origin`` as ``homeostasis/<fingerprint>`` (:mod:`homeostasis.tools.deploy.git_branch`:
  nothing else can be pushed, so never the base branch), and a draft pull request into the
  branch that failed, its body the report. One pull request per failure: an open one for the
  branch is updated, never doubled (:func:`~homeostasis.tools.deploy.github.pulls.open_or_update`).
  A branch that already holds the same fix on the same commit is not pushed again; one to
  which someone else has added commits is left as it is and the new fix is commented.
- ``comment``: the report as a comment on the failure's pull request.
- ``dry-run``: nothing but the summary.

Code from an untrusted source (a fork's pull request) gets nothing pushed or opened in any
mode: the proposed patch is in the summary, and commented on the pull request when the token
may (a fork's ``pull_request`` token is read-only: that refusal is a note, not an error).

:func:`check_ready` runs before the repair, so a run that could not deliver spends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from homeostasis.commands.ci.environment import Actions
from homeostasis.commands.ci.event import Failing
from homeostasis.commands.ci.report import code
from homeostasis.core.errors import DeployError, UsageError
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.git import checked_out_commit, fetch_commit, tree_of
from homeostasis.tools.deploy.git_branch import (
    BOT,
    branch_for,
    commit_fix,
    commit_message,
    push_commit,
    remote_fix_branch,
)
from homeostasis.tools.deploy.github.client import GitHub, GitHubError
from homeostasis.tools.deploy.github.pulls import (
    PullRequest,
    comment,
    find_open_pull,
    open_or_update,
)

REMOTE = "origin"
_TITLE_CHARS = 100


@dataclass(frozen=True)
class Delivered:
    """What was done with the fix, in Markdown lines of our own; the pull request (or
    comment) page when there is one, the fix's branch and commit when it was pushed, and
    anything else the reader should know."""

    lines: tuple[str, ...]
    pr_url: str = ""
    branch: str = ""
    commit: str = ""
    notes: tuple[str, ...] = ()


def check_ready(mode: str, failing: Failing, actions: Actions, root: Path) -> None:
    """Raise :class:`UsageError` when the fix could not be delivered as ``mode`` asks, or
    the checkout is not the code that failed: said before anything is spent."""
    head = checked_out_commit(root)
    if head is not None and head not in (failing.commit, failing.tested):
        raise UsageError(
            f"the checkout at {root} is at {head[:12]}, not at the failing commit "
            f"{failing.commit[:12]}",
            "check it out first (actions/checkout with `ref: ${{ "
            "github.event.workflow_run.head_sha }}` in a workflow_run workflow)")
    if failing.untrusted or mode == "dry-run":
        return
    actions.need_token(f"--mode {mode} talks to GitHub")
    if mode != "pr":
        return
    if failing.branch is None:
        raise UsageError(f"the failing run was not on a branch ({actions.ref or 'no ref'}): "
                         "there is no branch to open a pull request into",
                         "use --mode comment or --mode dry-run")
    if head is None:
        raise UsageError(f"{root} is not in a git checkout: a fix cannot be pushed from it",
                         "check the repository out with actions/checkout first, or use "
                         "--mode dry-run")


def deliver(mode: str, fix: Fix, fingerprint: str, failing: Failing, actions: Actions,
            root: Path, body: str) -> Delivered:
    """Put ``fix`` where ``mode`` says (see the module docstring); ``body`` is the report
    that goes with it. Raises :class:`DeployError` (a :class:`GitHubError` for GitHub's
    refusals) in one line when it cannot."""
    if mode == "dry-run":
        return Delivered(("dry run: nothing pushed, no pull request opened or commented",))
    if failing.untrusted:
        return _untrusted(failing, actions, body)
    with GitHub(actions.need_token(f"--mode {mode} talks to GitHub"), actions.api_url) as gh:
        if mode == "comment":
            return _comment(gh, failing, actions, body)
        return _pull_request(gh, fix, fingerprint, failing, actions, root, body)


def _untrusted(failing: Failing, actions: Actions, body: str) -> Delivered:
    lines = ("untrusted code: nothing pushed, no pull request opened, no model asked (the "
             "offline engine only); the proposed patch is in this report",)
    if failing.pull is None or not actions.token:
        return Delivered(lines)
    try:
        with GitHub(actions.token, actions.api_url) as gh:
            url = comment(gh, actions.repository, failing.pull, body)
    except GitHubError as refused:
        return Delivered(lines, notes=(f"Could not comment on pull request #{failing.pull}: "
                                       f"{refused}",))
    return Delivered((*lines, f"commented the proposed patch on pull request "
                              f"#{failing.pull}"), pr_url=url)


def _comment(gh: GitHub, failing: Failing, actions: Actions, body: str) -> Delivered:
    if failing.pull is None:
        return Delivered(("no pull request to comment on (the failure is not a pull "
                          "request's): the fix is in this report only",))
    url = comment(gh, actions.repository, failing.pull, body)
    return Delivered((f"commented the fix on pull request #{failing.pull}",), pr_url=url)


def _pull_request(gh: GitHub, fix: Fix, fingerprint: str, failing: Failing, actions: Actions,
                  root: Path, body: str) -> Delivered:
    assert failing.branch is not None  # check_ready refused a run on no branch
    branch = branch_for(fingerprint)
    fetch_commit(root, failing.commit, REMOTE)  # a pull request's merge checkout lacks it
    seen = remote_fix_branch(root, branch, REMOTE)
    if seen is not None and not seen.made_by(BOT):
        return _left_alone(gh, branch, failing, actions, body)
    message = (commit_message(fix) + f"\nFailure fingerprint: {fingerprint}\n"
               + (f"Failing run: {failing.run_url}\n" if failing.run_url else ""))
    commit = commit_fix(root, failing.commit, fix.texts, fix.snapshot_hashes, message, BOT)
    if (seen is not None and seen.parent_sha == failing.commit
            and seen.tree_sha == tree_of(root, commit)):
        commit = seen.commit_sha
        pushed = (f"{code(branch)} already holds this fix on {code(failing.commit[:12])} "
                  f"(commit {code(commit[:12])}): nothing pushed")
    else:
        commit = push_commit(root, commit, branch=branch, remote=REMOTE,
                             lease=seen.commit_sha if seen else "").commit_sha
        pushed = (f"pushed the fix to {code(branch)} as one commit ({code(commit[:12])}) on "
                  f"{code(failing.commit[:12])}"
                  + (", replacing an earlier fix of the same failure" if seen else ""))
    try:
        pull, opened = _open_or_update(gh, actions.repository, branch=branch,
                                       base=failing.branch, title=pull_title(fix), body=body)
    except GitHubError as refused:
        raise GitHubError(f"{refused.message}; the fix is on the branch {branch}",
                          refused.hint, status=refused.status, detail=refused.detail) from None
    done = "opened the draft pull request" if opened else "updated the pull request"
    return Delivered((pushed, f"{done} [#{pull.number}]({pull.url}) into "
                              f"{code(failing.branch)}"), pull.url, branch, commit)


def _left_alone(gh: GitHub, branch: str, failing: Failing, actions: Actions, body: str
                ) -> Delivered:
    """The fix branch has someone's commits: it is not overwritten; the new fix is said on
    its pull request, if it has one."""
    said = (f"{branch} has commits not made by Homeostasis: it was left as it is; this "
            "report holds the new fix of the same failure")
    pull = find_open_pull(gh, actions.repository, branch)
    if pull is None:
        raise DeployError(f"{said}, and it has no open pull request; nothing was pushed",
                          "merge or delete that branch, then run again")
    url = comment(gh, actions.repository, pull.number, f"> {said}.\n\n{body}")
    return Delivered((f"{code(branch)} has commits not made by Homeostasis: left as it is, "
                      f"nothing pushed", f"commented the new fix on pull request "
                                         f"[#{pull.number}]({pull.url})"), url, branch)


def _open_or_update(gh: GitHub, repo: str, *, branch: str, base: str, title: str,
                    body: str) -> tuple[PullRequest, bool]:
    """:func:`open_or_update` as a draft, or as a ready pull request where the repository's
    plan has no drafts."""
    try:
        return open_or_update(gh, repo, branch=branch, base=base, title=title, body=body)
    except GitHubError as refused:
        if refused.status != 422 or "draft" not in refused.detail.lower():
            raise
    return open_or_update(gh, repo, branch=branch, base=base, title=title, body=body,
                          draft=False)


def pull_title(fix: Fix) -> str:
    """The pull request's title: what the fix does, in one line."""
    said = " ".join(fix.candidate.description.split()) or f"candidate {fix.candidate.id}"
    title = f"Homeostasis: {said}"
    return title if len(title) <= _TITLE_CHARS else title[: _TITLE_CHARS - 1] + "…"
