"""The errors Homeostasis raises on purpose.

    HomeostasisError          anything a user can meet; printed as one line, no traceback
    ├── UsageError            bad arguments or configuration (exit code 2)
    ├── ProjectError          the project cannot be worked on as given (missing path, no tests…)
    │   └── EnvironmentProblem  its environment cannot run its tests (exit code 3)
    ├── SandboxError          a sandbox could not be prepared (not a failing test: that is data)
    ├── ModelError            a model backend could not answer
    └── DeployError           a fix could not be applied or undone; the tree is left as it was

Failing tests, hanging commands and broken candidates are *not* errors: they are records.

    KeyboardInterrupt         Ctrl-C (SIGINT)
    └── Interrupted           SIGTERM or SIGHUP, within :func:`signals_as_interrupts`

A signal that ends a run unwinds it as Ctrl-C does, so every ``finally`` and ``with`` on the way
out closes its sandbox and removes its temp folders.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The signals that end a run as Ctrl-C does (SIGINT itself raises KeyboardInterrupt).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class HomeostasisError(Exception):
    """Base class; ``hint`` tells the user what to do about it."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(HomeostasisError):
    exit_code = 2


class ProjectError(HomeostasisError):
    pass


class SandboxError(HomeostasisError):
    pass


class ModelError(HomeostasisError):
    pass


class DeployError(HomeostasisError):
    pass


class EnvironmentProblem(ProjectError):
    """The project's environment cannot run its tests (a missing dependency, no pytest, an
    option no installed plugin knows): nothing to repair in its code, so nothing is tried."""

    exit_code = 3


class Interrupted(KeyboardInterrupt):
    """A SIGTERM or SIGHUP, raised where the main thread was; ``exit_code`` is the shell's
    convention for a process ended by a signal, 128 + the signal's number (143 and 129, as
    Ctrl-C's 130 is 128 + SIGINT)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    # The clean-up that follows must not be cut short by a second signal (a supervisor that
    # sends SIGTERM again, SIGHUP then SIGTERM): the first one is enough.
    for other in ENDING_SIGNALS:
        signal.signal(other, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def signals_as_interrupts() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Interrupted` in the main thread;
    the handlers there before are put back after it. Outside the main thread (where Python
    cannot handle signals) the block runs unchanged."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in ENDING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
