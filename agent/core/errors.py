"""The errors Homeostasis raises on purpose.

    HomeostasisError          anything a user can meet; printed as one line, no traceback
    ├── UsageError            bad arguments or configuration (exit code 2)
    ├── ProjectError          the project cannot be worked on as given (missing path, no tests…)
    ├── SandboxError          a sandbox could not be prepared (not a failing test: that is data)
    ├── ModelError            a model backend could not answer
    └── DeployError           a fix could not be applied or undone; the tree is left as it was

Failing tests, hanging commands and broken candidates are *not* errors: they are records.
"""

from __future__ import annotations


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
