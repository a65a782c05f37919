from __future__ import annotations

TRANSITIONS: dict[str, dict[str, str]] = {
    "cart": {"checkout": "pending"},
    "pending": {"pay": "paid", "cancel": "cancelled"},
    "paid": {"ship": "shipped", "cancel": "refunding"},
    "shipped": {"deliver": "delivered", "lose": "refunding"},
    "delivered": {"return": "refunding"},
    "refunding": {"refund": "refunded"},
    "refunded": {},
    "cancelled": {},
}

FINAL = frozenset(s for s, events in TRANSITIONS.items() if not events)


class InvalidTransition(Exception):
    """An event that the order's current state does not allow."""

    def __init__(self, state: str, event: str) -> None:
        super().__init__(f"cannot {event} an order that is {state}")
        self.state = state
        self.event = event


def allowed_events(state: str) -> list[str]:
    return sorted(TRANSITIONS[state])
