"""The outermost wrapper of every real model: likely secrets leave no message that is sent (nor
the cache key, nor a recording), and every finding is kept for the run's report."""

from __future__ import annotations

import threading

from homeostasis.core.redaction import Finding, redact
from homeostasis.models.base import Completion, Message, Model, ModelRequest


class RedactingModel:
    def __init__(self, inner: Model) -> None:
        self.inner = inner
        self.name = inner.name
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, int, str]] = set()
        self._lock = threading.Lock()

    def complete(self, request: ModelRequest) -> list[Completion]:
        messages = []
        for index, message in enumerate(request.messages):
            text, found = redact(message.content, f"message {index + 1} ({message.role})")
            messages.append(Message(message.role, text))
            with self._lock:  # the same prompt sent again is not new findings
                for f in found:
                    if (f.where, f.line, f.kind) not in self._seen:
                        self._seen.add((f.where, f.line, f.kind))
                        self.findings.append(f)
        safe = ModelRequest(tuple(messages), n=request.n, temperature=request.temperature,
                            max_tokens=request.max_tokens)
        return self.inner.complete(safe)
