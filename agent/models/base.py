"""What every model backend speaks: plain request and reply records and a one-method Protocol.

Backends (the scripted one in :mod:`homeostasis.models.mock`, hosted APIs later) are found by name
through :mod:`homeostasis.core.registry`. Caching, retries and spending limits belong in wrappers
that take a :class:`Model` and are themselves a :class:`Model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    """One turn of a conversation."""

    role: Role
    content: str


@dataclass(frozen=True)
class ModelRequest:
    """Ask for ``n`` independent completions of ``messages``."""

    messages: tuple[Message, ...]
    n: int = 1
    temperature: float = 0.0
    max_tokens: int = 2048

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"a model request asks for at least one completion, not {self.n}")
        if self.max_tokens < 1:
            raise ValueError(f"max_tokens must be positive, not {self.max_tokens}")


@dataclass(frozen=True)
class Usage:
    """What a completion cost; zero when the backend does not say."""

    input_tokens: int = 0
    output_tokens: int = 0
    cost: float = 0.0


@dataclass(frozen=True)
class Completion:
    """One reply. ``finish_reason`` is ``"stop"`` for a whole reply, ``"length"`` when the
    backend cut it off at ``max_tokens``."""

    text: str
    finish_reason: str = "stop"
    usage: Usage = field(default_factory=Usage)


class Model(Protocol):
    """Anything that answers a :class:`ModelRequest`.

    ``complete`` returns at most ``request.n`` completions and raises
    :class:`~homeostasis.core.errors.ModelError` when the backend cannot answer.
    """

    name: str

    def complete(self, request: ModelRequest) -> list[Completion]: ...
