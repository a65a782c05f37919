"""Pull requests on GitHub: find the one for a branch, open one as a draft, update it, comment.

A fix lives on a branch of its own (``homeostasis/<fingerprint>``, see
:mod:`homeostasis.tools.deploy.git_branch`) and has at most one open pull request:
:func:`open_or_update` finds it by its head branch and updates its body, and opens a draft only
when there is none, so a failure that keeps coming back never opens a second pull request.

``repo`` is ``OWNER/NAME`` (as in ``GITHUB_REPOSITORY``); the head branch is in that same
repository. Every function raises :class:`~homeostasis.tools.deploy.github.client.GitHubError`
when GitHub refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from homeostasis.tools.deploy.github.client import GitHub, GitHubError


@dataclass(frozen=True)
class PullRequest:
    """A pull request as GitHub describes it; ``url`` is its page (``html_url``), ``head`` and
    ``base`` its branches' names."""

    number: int
    url: str
    head: str
    base: str
    draft: bool
    state: str
    title: str
    body: str

    @classmethod
    def from_api(cls, data: Any) -> PullRequest:
        """The pull request in GitHub's JSON ``data``; a :class:`GitHubError` when it is not
        shaped like one."""
        try:
            return cls(int(data["number"]), str(data["html_url"]), str(data["head"]["ref"]),
                       str(data["base"]["ref"]), bool(data.get("draft", False)),
                       str(data["state"]), str(data.get("title") or ""),
                       str(data.get("body") or ""))
        except (KeyError, TypeError, ValueError):
            raise GitHubError("GitHub's answer does not describe a pull request",
                              "check the GitHub API URL") from None


def _owner_and_name(repo: str) -> tuple[str, str]:
    owner, slash, name = repo.partition("/")
    if not (owner and slash and name) or "/" in name:
        raise GitHubError(f"{repo!r} is not a repository name", "write it as OWNER/NAME")
    return owner, name


def _repo_path(repo: str) -> str:
    owner, name = _owner_and_name(repo)
    return f"/repos/{quote(owner, safe='')}/{quote(name, safe='')}"


def find_open_pull(gh: GitHub, repo: str, branch: str) -> PullRequest | None:
    """The open pull request whose head is ``branch`` of ``repo``, or None."""
    owner, _ = _owner_and_name(repo)
    found = gh.get(f"{_repo_path(repo)}/pulls", {"head": f"{owner}:{branch}", "state": "open"})
    if not isinstance(found, list):
        raise GitHubError("GitHub's answer is not a list of pull requests",
                          "check the GitHub API URL")
    pulls = [PullRequest.from_api(item) for item in found]
    return next((pull for pull in pulls if pull.head == branch), None)


def open_draft_pull(gh: GitHub, repo: str, *, branch: str, base: str, title: str, body: str,
                    draft: bool = True) -> PullRequest:
    """A new pull request of ``branch`` into ``base``, as a draft unless ``draft`` is False
    (GitHub refuses drafts in private repositories on some plans)."""
    return PullRequest.from_api(gh.post(f"{_repo_path(repo)}/pulls", {
        "title": title, "head": branch, "base": base, "body": body, "draft": draft}))


def update_pull_body(gh: GitHub, repo: str, number: int, body: str) -> PullRequest:
    """Pull request ``number`` with its description replaced by ``body``."""
    return PullRequest.from_api(gh.patch(f"{_repo_path(repo)}/pulls/{number}", {"body": body}))


def comment(gh: GitHub, repo: str, number: int, body: str) -> str:
    """Add a comment to issue or pull request ``number``; returns the comment's page URL."""
    made = gh.post(f"{_repo_path(repo)}/issues/{number}/comments", {"body": body})
    if not isinstance(made, Mapping) or "html_url" not in made:
        raise GitHubError("GitHub's answer does not describe a comment",
                          "check the GitHub API URL")
    return str(made["html_url"])


def open_or_update(gh: GitHub, repo: str, *, branch: str, base: str, title: str, body: str,
                   draft: bool = True) -> tuple[PullRequest, bool]:
    """The pull request of ``branch`` with ``body`` as its description, and whether it was
    opened now: the open one is updated (its body only, and only if it differs), else a
    draft is opened. Never opens a second pull request for the same branch, even when an
    earlier attempt's answer was lost and GitHub already has the one it opened."""
    existing = find_open_pull(gh, repo, branch)
    if existing is None:
        try:
            return open_draft_pull(gh, repo, branch=branch, base=base, title=title,
                                   body=body, draft=draft), True
        except GitHubError as refused:
            if refused.status != 422 or "already exists" not in refused.detail:
                raise
        existing = find_open_pull(gh, repo, branch)
        if existing is None:
            raise GitHubError(f"GitHub says a pull request for {branch} exists, but none is "
                              "open", "look for it on the repository's pull requests page")
    if existing.body == body:
        return existing, False
    return update_pull_body(gh, repo, existing.number, body), False
