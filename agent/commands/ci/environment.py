"""The GitHub Actions environment: the variables a job gets, and the files it answers in.

:meth:`Actions.from_environ` reads the standard variables (``GITHUB_EVENT_NAME``,
``GITHUB_EVENT_PATH``, ``GITHUB_REPOSITORY``, ``GITHUB_API_URL``, ``GITHUB_SERVER_URL``,
``GITHUB_SHA``, ``GITHUB_REF``, ``GITHUB_REF_NAME``, ``GITHUB_RUN_ID``) and the token
(``--token``, else ``GITHUB_TOKEN``). :func:`write_outputs` appends step outputs to
``GITHUB_OUTPUT`` and :func:`write_summary` Markdown to ``GITHUB_STEP_SUMMARY``, in the formats
the runner documents. The token is kept out of this object's repr and is never written.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from homeostasis.core.errors import UsageError

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_SERVER_URL = "https://github.com"
_REQUIRED = ("GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_REPOSITORY")


@dataclass(frozen=True)
class Actions:
    """What the runner told the job. ``token`` is empty when none was given; ``output`` and
    ``summary`` are the files to answer in (None outside a runner)."""

    event_name: str
    event_path: Path
    repository: str
    api_url: str = DEFAULT_API_URL
    server_url: str = DEFAULT_SERVER_URL
    sha: str = ""
    ref: str = ""
    ref_name: str = ""
    run_id: str = ""
    output: Path | None = None
    summary: Path | None = None
    token: str = field(default="", repr=False)

    @classmethod
    def from_environ(cls, environ: Mapping[str, str], token: str | None = None) -> Actions:
        """The job's environment; a :class:`UsageError` naming the first variable missing."""
        for name in _REQUIRED:
            if not environ.get(name):
                raise UsageError(
                    f"{name} is not set: `homeostasis ci` runs in a GitHub Actions job",
                    "run it from the Homeostasis action, or set the GITHUB_* variables it "
                    "reads (see docs/github-action.md)")

        def path(name: str) -> Path | None:
            value = environ.get(name)
            return Path(value) if value else None

        return cls(
            event_name=environ["GITHUB_EVENT_NAME"],
            event_path=Path(environ["GITHUB_EVENT_PATH"]),
            repository=environ["GITHUB_REPOSITORY"],
            api_url=environ.get("GITHUB_API_URL") or DEFAULT_API_URL,
            server_url=(environ.get("GITHUB_SERVER_URL") or DEFAULT_SERVER_URL).rstrip("/"),
            sha=environ.get("GITHUB_SHA", ""),
            ref=environ.get("GITHUB_REF", ""),
            ref_name=environ.get("GITHUB_REF_NAME", ""),
            run_id=environ.get("GITHUB_RUN_ID", ""),
            output=path("GITHUB_OUTPUT"),
            summary=path("GITHUB_STEP_SUMMARY"),
            token=token or environ.get("GITHUB_TOKEN", ""),
        )

    @property
    def run_url(self) -> str:
        """The page of this workflow run ("" without a run id)."""
        if not self.run_id:
            return ""
        return f"{self.server_url}/{self.repository}/actions/runs/{self.run_id}"

    def need_token(self, why: str) -> str:
        """The token; a :class:`UsageError` saying ``why`` it is needed when there is none."""
        if not self.token:
            raise UsageError(f"no GitHub token: {why}",
                             "set GITHUB_TOKEN (the action passes the `token` input), or pass "
                             "--token; or use --mode dry-run")
        return self.token


def write_outputs(path: Path | None, outputs: Mapping[str, str]) -> None:
    """Append ``outputs`` to the runner's output file (nothing outside a runner), each as a
    ``name<<DELIMITER`` block so that no value can end its block early or add another."""
    if path is None:
        return
    lines = []
    for name, value in outputs.items():
        delimiter = f"ghadelimiter_{secrets.token_hex(8)}"
        lines += [f"{name}<<{delimiter}", value, delimiter]
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def write_summary(path: Path | None, markdown: str) -> bool:
    """Append ``markdown`` to the job's summary; False outside a runner (nothing written)."""
    if path is None:
        return False
    with path.open("a", encoding="utf-8") as out:
        out.write(markdown.rstrip("\n") + "\n")
    return True
