"""Cutting a prompt to the model's window before it is sent — never after an error.

The source excerpts are the part of a repair prompt that can give way: they are ordered most
suspicious first, so the last ones go first, one at a time, until the messages and the reply
(``max_tokens``) fit the window. A prompt that does not fit even with no excerpt left is a
:class:`~homeostasis.core.errors.ModelError`: sending it would only fail at the server.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from homeostasis.core.errors import ModelError
from homeostasis.models.base import Message
from homeostasis.models.tokens import TokenCounter
from homeostasis.propose.base import RepairTask


@dataclasses.dataclass(frozen=True)
class Window:
    """A model's context window and the counter that measures prompts for it."""

    tokens: int
    counter: TokenCounter


def fit_task(task: RepairTask, build: Callable[[RepairTask], tuple[Message, ...]],
             window: Window, max_tokens: int) -> tuple[tuple[Message, ...], int]:
    """The messages ``build`` makes of ``task`` with as many excerpts as fit, and how many
    excerpts were left out."""
    room = window.tokens - max_tokens
    snippets = task.context.snippets
    for keep in range(len(snippets), -1, -1):
        context = dataclasses.replace(task.context, snippets=snippets[:keep])
        messages = build(dataclasses.replace(task, context=context))
        if window.counter.count_messages([m.content for m in messages]) <= room:
            return messages, len(snippets) - keep
    raise ModelError(
        f"the prompt does not fit the model's window ({window.tokens} tokens, "
        f"{max_tokens} of them kept for the reply) even without source excerpts",
        "use a model with a larger window, or lower max_tokens")
