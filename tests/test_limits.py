"""Telling a run that hit a sandbox limit from a run whose tests merely failed."""

from __future__ import annotations

import pytest
from homeostasis.tools.sandbox.limits import EXPLANATIONS, Facts, classify


@pytest.mark.parametrize(("output", "limit"), [
    ("E   MemoryError", "oom"),
    ("OSError: [Errno 12] Cannot allocate memory", "oom"),
    ("BlockingIOError: [Errno 11] Resource temporarily unavailable", "pid_limit"),
    ("RuntimeError: can't start new thread", "pid_limit"),
    ("OSError: [Errno 28] No space left on device", "disk_full"),
    ("OSError: [Errno 27] File too large", "disk_full"),
    ("OSError: [Errno 101] Network is unreachable", "network_blocked"),
    ("socket.gaierror: [Errno -3] Temporary failure in name resolution", "network_blocked"),
    ("AssertionError: assert 2 == 3", None),
    ("ConnectionRefusedError: [Errno 111] Connection refused", None),
])
def test_a_failed_runs_output_names_the_limit(output: str, limit: str | None) -> None:
    assert classify(Facts(), f"tests/test_x.py F\n{output}\n", returncode=1) == limit


def test_output_of_a_passing_run_is_not_read() -> None:
    """A test that expects MemoryError and passes hit no limit."""
    assert classify(Facts(), "with pytest.raises(MemoryError): ...", returncode=0) is None


def test_what_the_sandbox_saw_comes_first() -> None:
    assert classify(Facts(output_capped=True, oom_killed=True), "", 1) == "output_truncated"
    assert classify(Facts(pids_exhausted=True, oom_killed=True), "", -9) == "pid_limit"
    assert classify(Facts(oom_killed=True), "No space left on device", -9) == "oom"
    assert classify(Facts(disk_full=True), "", 0) == "disk_full"


def test_every_limit_and_the_deadline_is_explained() -> None:
    assert set(EXPLANATIONS) == {"timeout", "oom", "pid_limit", "disk_full",
                                 "output_truncated", "network_blocked"}
