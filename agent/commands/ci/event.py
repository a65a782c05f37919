"""What the event that started the job says failed, where, and whether it may be trusted.

Three ways to run, one record (:class:`Failing`):

- ``workflow_run``: a workflow concluded; only a ``failure`` is repaired, at the run's
  ``head_sha``, for its ``head_branch``. A run whose head repository is not this one (a
  fork's pull request) is untrusted.
- ``pull_request`` / ``pull_request_target``: the pull request's head commit and branch; the
  job itself tested the merge commit (``GITHUB_SHA``). A head in another repository (a fork)
  is untrusted.
- any other event (``push``, ``workflow_dispatch``, ``schedule``…), as a step of the failing
  job (``if: failure()``): ``GITHUB_SHA`` on ``GITHUB_REF``'s branch.

A failure on one of our own fix branches (``homeostasis/…``) is never repaired: a fix of a fix
could loop forever. The event's text (titles, bodies, branch names) is read for routing only
and never reaches a model.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from homeostasis.commands.ci.environment import Actions
from homeostasis.core.errors import UsageError
from homeostasis.tools.deploy.git_branch import BRANCH_PREFIX

PULL_REQUEST_EVENTS = ("pull_request", "pull_request_target")


@dataclass(frozen=True)
class Failing:
    """What failed. ``commit`` is the commit whose tests failed (a fix's parent); ``tested``
    the commit the failing job checked out (the same, or a pull request's merge commit);
    ``branch`` the branch that failed (a fix's pull request goes into it; None when the run
    was not on a branch); ``pull`` the pull request the failure belongs to; ``untrusted`` and
    ``skip`` say why, when the code may not be trusted or nothing is to be done; ``run_url``
    is the failing run's page."""

    event: str
    commit: str
    tested: str
    branch: str | None
    pull: int | None = None
    untrusted: str = ""
    skip: str = ""
    run_url: str = ""


def read_event(actions: Actions) -> Failing:
    """The failure the job's event describes; a :class:`UsageError` when the event file
    cannot be read or lacks what its kind of event always has."""
    event = _load(actions)
    name = actions.event_name
    try:
        if name == "workflow_run":
            failing = _workflow_run(event, actions)
        elif name in PULL_REQUEST_EVENTS:
            failing = _pull_request(event, actions)
        else:
            failing = _same_job(actions)
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"the {name} event in {actions.event_path} is not shaped as GitHub "
                         f"writes it (missing or wrong: {exc})",
                         "run `homeostasis ci` on the event GitHub Actions wrote") from None
    if failing.branch is not None and failing.branch.startswith(BRANCH_PREFIX) \
            and not failing.skip:
        failing = dataclasses.replace(
            failing, skip=f"the failure is on {failing.branch}, a fix branch of Homeostasis' "
                          "own: fixes of fixes are not made")
    return failing


def _load(actions: Actions) -> dict[str, Any]:
    try:
        event = json.loads(actions.event_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the event file {actions.event_path}: "
                         f"{exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"the event file {actions.event_path} is not JSON: {exc}") from None
    if not isinstance(event, dict):
        raise UsageError(f"the event file {actions.event_path} does not hold an event")
    return event


def _workflow_run(event: dict[str, Any], actions: Actions) -> Failing:
    run = event["workflow_run"]
    if not isinstance(run, dict):
        raise TypeError("'workflow_run'")
    commit = _sha(run["head_sha"], "'workflow_run.head_sha'")
    here = _full_name(event.get("repository")) or actions.repository
    head = _full_name(run.get("head_repository"))
    untrusted = "" if head == here else (
        f"the failing run's code comes from {head or 'a repository that no longer exists'}, "
        f"not {here} (a fork's pull request)")
    branch = run.get("head_branch") or None
    pulls = [p for p in run.get("pull_requests") or () if isinstance(p, dict)]
    own = [p for p in pulls if (p.get("head") or {}).get("ref") == branch] or pulls
    conclusion = run.get("conclusion")
    skip = "" if conclusion == "failure" else (
        f"the workflow run concluded {conclusion or 'without a conclusion'}, not failure: "
        "nothing to repair")
    return Failing("workflow_run", commit, commit, str(branch) if branch else None,
                   int(own[0]["number"]) if own else None, untrusted, skip,
                   str(run.get("html_url") or ""))


def _pull_request(event: dict[str, Any], actions: Actions) -> Failing:
    pull = event["pull_request"]
    head, base = pull["head"], pull["base"]
    commit = _sha(head["sha"], "'pull_request.head.sha'")
    here = _full_name(base.get("repo")) or actions.repository
    there = _full_name(head.get("repo"))
    untrusted = "" if there == here else (
        f"the pull request comes from {there or 'a repository that no longer exists'}, not "
        f"{here} (a fork)")
    skip = "" if pull.get("state", "open") == "open" else "the pull request is closed"
    return Failing(actions.event_name, commit, actions.sha or commit, str(head["ref"]),
                   int(pull["number"]), untrusted, skip, actions.run_url)


def _same_job(actions: Actions) -> Failing:
    commit = _sha(actions.sha, "GITHUB_SHA")
    on_branch = actions.ref.startswith("refs/heads/") or (
        not actions.ref and bool(actions.ref_name))
    branch = (actions.ref.removeprefix("refs/heads/") if actions.ref.startswith("refs/heads/")
              else actions.ref_name) if on_branch else None
    return Failing(actions.event_name, commit, commit, branch, run_url=actions.run_url)


def _sha(value: object, what: str) -> str:
    text = str(value or "")
    if len(text) != 40 or any(c not in "0123456789abcdef" for c in text.lower()):
        raise ValueError(f"{what} (a commit sha), or it is not one: {text[:50]!r}")
    return text.lower()


def _full_name(repo: object) -> str:
    return str(repo.get("full_name") or "") if isinstance(repo, dict) else ""

