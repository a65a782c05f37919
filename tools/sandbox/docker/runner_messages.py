"""What the host sends the in-container runner (``container_run.py``) and what it answers.

Types only, standard library only: the host imports them, and the runner — which runs
standalone in the container, with nothing of Homeostasis beside it — reads them only when
type-checked, so this file need not be copied in.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class RunnerSpec(TypedDict):
    """One command for the runner, as a JSON argument (or a file named ``@PATH``)."""

    argv: list[str]
    cwd: str
    env: dict[str, str]
    #: Seconds before the command's process group is killed.
    timeout: float
    #: Bytes of output past which the command's process group is killed.
    output_limit: int
    #: A folder whose files the run writes come back with the result.
    scratch: str | None
    #: The socket of the container's warm pytest server, when it can fork the command.
    warm: str | None
    #: Files to write (path → base64; folders made as needed) before the command starts: what
    #: ``put_file`` was given since the last command, sent along instead of by an API call.
    put: NotRequired[dict[str, str]]


class RunnerFacts(TypedDict):
    """The runner's first line of output (its kept output's tail follows)."""

    returncode: int | None
    timed_out: bool
    output_capped: bool
    not_found: bool
    oom_killed: NotRequired[bool]
    pids_exhausted: NotRequired[bool]
    disk_full: NotRequired[bool]
    #: Name → base64 of each file the run wrote directly in ``scratch``, up to a total size.
    files: NotRequired[dict[str, str]]
