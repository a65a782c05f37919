"""The ``Progress`` seam: what a stage may tell the user while it works. The terminal
``Console`` is one; a stage never needs more of the user interface than this."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def say(self, text: str = "") -> None:
        """A line of detail."""

    def stage(self, text: str) -> None:
        """The start of a step that may take a while."""
