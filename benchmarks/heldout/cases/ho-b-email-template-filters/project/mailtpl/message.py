"""A whole email: subject, plain-text body and addressing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from mailtpl.template import placeholders, render


@dataclass(frozen=True)
class RenderedEmail:
    to: str
    subject: str
    body: str


@dataclass(frozen=True)
class EmailTemplate:
    subject: str
    body: str

    def fields(self) -> list[str]:
        found = placeholders(self.subject)
        return found + [p for p in placeholders(self.body) if p not in found]

    def render(self, to: str, context: Mapping[str, Any]) -> RenderedEmail:
        subject = " ".join(render(self.subject, context).split())
        return RenderedEmail(to, subject, render(self.body, context))
