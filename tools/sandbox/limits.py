"""The limits every sandbox puts on the project's commands, and how a run that hit one is told
apart from a run whose tests merely failed.

A sandbox reports what it saw directly (the output cap reached, the kernel's OOM killer or pid
limit counters moving, a full scratch disk); what only the program saw — a ``MemoryError`` under
an address-space limit, a refused ``fork``, a refused connection in a network namespace — is
read from the output of a run that failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from homeostasis.tools.sandbox.base import LimitHit


@dataclass(frozen=True)
class Limits:
    """Resource limits for one command (per workspace in Docker)."""

    memory_mb: int = 2048
    pids: int = 256
    cpus: float = 1.0
    #: The most a workspace may write (Docker: its tmpfs; local: any one file).
    disk_mb: int = 512
    #: The most output kept; a command that prints more is stopped.
    output_mb: int = 16


@dataclass(frozen=True)
class Facts:
    """What the sandbox itself saw of a finished command."""

    output_capped: bool = False
    oom_killed: bool = False
    pids_exhausted: bool = False
    disk_full: bool = False


_SIGNS: tuple[tuple[LimitHit, re.Pattern[str]], ...] = (
    ("pid_limit", re.compile(
        r"BlockingIOError: \[Errno 11\]|Resource temporarily unavailable|can't start new thread")),
    ("oom", re.compile(r"\bMemoryError\b|Cannot allocate memory|\[Errno 12\]")),
    ("disk_full", re.compile(r"No space left on device|\[Errno 28\]|File too large|\[Errno 27\]")),
    ("network_blocked", re.compile(
        r"Network is unreachable|\[Errno 101\]|Temporary failure in name resolution"
        r"|\[Errno -3\]|Name or service not known|\[Errno -2\]|No address associated")),
)

EXPLANATIONS: dict[str, str] = {
    "timeout": "the run passed its deadline and was killed",
    "oom": "the run used more memory than the sandbox allows",
    "pid_limit": "the run started more processes than the sandbox allows",
    "disk_full": "the run wrote more than the sandbox's disk allows",
    "output_truncated": "the run printed more than the sandbox keeps and was stopped",
    "network_blocked": "the run tried to reach the network, which the sandbox blocks",
}


def classify(facts: Facts, output: str, returncode: int | None) -> LimitHit | None:
    """The limit a finished command ran into, if any. Output is only read when the command
    failed: a test that expects ``MemoryError`` and passes is not a limit hit."""
    if facts.output_capped:
        return "output_truncated"
    if facts.pids_exhausted:  # before memory: a fork bomb often exhausts both
        return "pid_limit"
    if facts.oom_killed:
        return "oom"
    if facts.disk_full:
        return "disk_full"
    if returncode == 0:
        return None
    for limit, sign in _SIGNS:
        if sign.search(output):
            return limit
    return None
