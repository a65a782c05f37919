"""The ``pr`` policy of ``homeostasis watch``: the fix goes to a branch, not the service.

The fix becomes one bot-authored commit on the checked-out commit, pushed to ``origin`` as
``homeostasis/<fingerprint>`` (:func:`homeostasis.tools.deploy.git_branch.push_fix`: only such
branches can be written, an earlier fix of the same failure is replaced with a lease), and,
when ``GITHUB_TOKEN`` and ``GITHUB_REPOSITORY`` are set, a draft pull request of it into the
checked-out branch is opened or updated (``GITHUB_API_URL`` for GitHub Enterprise Server),
as the GitHub Action's delivery does. The working tree and the running service are left as
they are.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from homeostasis.commands.ci.delivery import pull_title
from homeostasis.core.errors import DeployError
from homeostasis.tools.deploy.base import Fix
from homeostasis.tools.deploy.git_branch import branch_for, commit_message, push_fix
from homeostasis.tools.deploy.github.client import DEFAULT_API_URL, GitHub
from homeostasis.tools.deploy.github.pulls import open_or_update


def _current_branch(root: Path) -> str:
    done = subprocess.run(["git", "symbolic-ref", "--quiet", "--short", "HEAD"], cwd=root,
                          capture_output=True, text=True, check=False, timeout=30)
    if done.returncode != 0 or not done.stdout.strip():
        raise DeployError("the project is not on a git branch; nothing was pushed",
                          "check out the branch the service runs, or use --policy report")
    return done.stdout.strip()


def deliver_pr(root: Path, fix: Fix, fingerprint: str, body: str,
               environ: Mapping[str, str]) -> tuple[list[str], str]:
    """Push the fix's branch and open or update its pull request; what was done, in lines,
    and the pull request's page ("" when none was opened)."""
    base = _current_branch(root)
    branch = branch_for(fingerprint)
    message = commit_message(fix) + f"\nRuntime failure fingerprint: {fingerprint}\n"
    pushed = push_fix(root, fix, base="HEAD", branch=branch, message=message, replace=True)
    lines = [f"pushed the fix to {branch} as commit {pushed.commit_sha[:12]}"]
    token, repo = environ.get("GITHUB_TOKEN", ""), environ.get("GITHUB_REPOSITORY", "")
    if not (token and repo):
        lines.append("no GITHUB_TOKEN and GITHUB_REPOSITORY: open the pull request from "
                     f"{branch} yourself")
        return lines, ""
    with GitHub(token, environ.get("GITHUB_API_URL") or DEFAULT_API_URL) as gh:
        pull, opened = open_or_update(gh, repo, branch=branch, base=base,
                                      title=pull_title(fix), body=body)
    lines.append(f"{'opened the draft' if opened else 'updated the'} pull request "
                 f"#{pull.number} into {base}: {pull.url}")
    return lines, pull.url
