"""A pytest plugin that gives each test a deadline of its own: a test still running at its
deadline is stopped where it is and fails, named, with the stack it was stuck in, while the
other tests run on.

STANDALONE: this module imports only the standard library and pytest, and keeps to syntax that
Python 3.7 reads, because it is written as ``homeostasis_deadline.py`` (see
``homeostasis.tools.observe.deadlines``) to a folder on the ``PYTHONPATH`` of whatever
interpreter runs the project's tests, and loaded there with ``-p homeostasis_deadline``.

Options:

``--homeostasis-test-timeout=S``
    Seconds each test may take, its setup and teardown included. Without it, nothing is done.
``--homeostasis-stop-on-hang``
    End the session after the first test that ran out of time.

The deadline is a ``SIGALRM`` timer (``signal.setitimer``) armed around each phase of a test
with what is left of the test's time. Its handler raises :class:`Timeout` in the main thread,
wherever the test is, so pytest records an ordinary failure (an error in setup or teardown)
whose traceback is the main thread's stack at the deadline: its innermost project frame is the
line that was looping or waiting. ``Timeout`` is a ``pytest.fail`` exception: ``except
Exception`` in the test does not catch it, and pytest's fixture bookkeeping treats it as a
failure. A test that catches it anyway gets it again every second. What this cannot stop — code
that never returns to the interpreter, a test that blocks ``SIGALRM`` — is ended by the run's
own deadline. A phase that finds ``SIGALRM`` already handled by someone else (pytest-timeout,
the project's own harness) is left to them, and where there is no ``setitimer`` (Windows) or
pytest does not run in the main thread, the plugin does nothing.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Generator
from typing import Any

import pytest

#: What a test that ran out of time fails with: "Timeout: the test did not finish within 2s".
MESSAGE = "the test did not finish within {seconds:g}s"
#: Seconds between further raises when the test caught the first and went on.
AGAIN = 1.0
#: The least a phase gets, even when the test's time is spent (so a teardown can clean up).
LEAST = 0.5


class Timeout(pytest.fail.Exception):  # type: ignore[misc,name-defined]
    """Raised in a test at its deadline."""

    __module__ = "builtins"  # shown as "Timeout: …", as pytest shows its own "Failed: …"


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("homeostasis", "Homeostasis per-test deadlines")
    group.addoption("--homeostasis-test-timeout", type=float, default=None, metavar="S",
                    help="seconds each test may take, setup and teardown included")
    group.addoption("--homeostasis-stop-on-hang", action="store_true", default=False,
                    help="end the session after the first test that ran out of time")


def pytest_configure(config: Any) -> None:
    seconds = config.getoption("homeostasis_test_timeout")
    if (seconds and seconds > 0 and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()):
        stop = bool(config.getoption("homeostasis_stop_on_hang"))
        config.pluginmanager.register(Deadlines(seconds, stop), "homeostasis-deadlines")


class Deadlines:
    """Arms the timer around each phase of each test and stops the session after a hang when
    asked to."""

    def __init__(self, seconds: float, stop_on_hang: bool) -> None:
        self.seconds = seconds
        self.stop_on_hang = stop_on_hang
        self.ends = 0.0
        self.hung = False
        self.armed = False
        self.previous: Any = None

    def _expired(self, signum: int, frame: Any) -> None:
        self.hung = True
        raise Timeout(MESSAGE.format(seconds=self.seconds))

    def _arm(self) -> None:
        if signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN, None):
            return  # someone else keeps time with SIGALRM here
        self.previous = signal.signal(signal.SIGALRM, self._expired)
        left = max(self.ends - time.monotonic(), LEAST)
        signal.setitimer(signal.ITIMER_REAL, left, AGAIN)
        self.armed = True

    def _disarm(self) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            self.armed = False

    def _armed(self) -> Generator[None, None, None]:
        """A phase of a test, run with the timer armed."""
        self._arm()
        try:
            yield
        finally:
            self._disarm()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item: Any) -> Generator[None, None, None]:
        self.ends = time.monotonic() + self.seconds
        self.hung = False
        yield from self._armed()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: Any) -> Generator[None, None, None]:
        yield from self._armed()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item: Any) -> Generator[None, None, None]:
        yield from self._armed()
        if self.hung and self.stop_on_hang:
            item.session.shouldstop = f"{item.nodeid} did not finish within " \
                                      f"{self.seconds:g}s"
