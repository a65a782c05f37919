from __future__ import annotations

from dataclasses import dataclass, field

from orderflow.states import FINAL, TRANSITIONS, InvalidTransition


@dataclass
class Order:
    number: str
    total_cents: int
    state: str = "cart"
    history: list[tuple[str, str]] = field(default_factory=list)
    refunded_cents: int = 0

    @property
    def closed(self) -> bool:
        return self.state in FINAL

    def can(self, event: str) -> bool:
        return event in TRANSITIONS[self.state]

    def fire(self, event: str) -> str:
        """Move to the state ``event`` leads to; raise InvalidTransition if it is not allowed."""
        target = TRANSITIONS[self.state].get(event)
        if target is None:
            raise InvalidTransition(self.state, event)
        self.history.append((self.state, event))
        self.state = target
        return target

    def refund(self, cents: int | None = None) -> None:
        """Refund all or part of the total; only an order being refunded can be."""
        if self.state != "refunding":
            raise InvalidTransition(self.state, "refund")
        amount = self.total_cents if cents is None else cents
        if not 0 < amount <= self.total_cents - self.refunded_cents:
            raise ValueError(f"cannot refund {amount} cents")
        self.refunded_cents += amount
        if self.refunded_cents == self.total_cents:
            self.fire("refund")
