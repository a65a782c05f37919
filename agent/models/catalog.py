"""What Homeostasis knows of known models: their price, in US dollars per million tokens
(input, output) as their vendors publish it, and their context window in tokens.

A model not in the price table needs its price given in the settings (``price_input``,
``price_output``) for a dollar limit to hold; without one it costs 0, with a warning (token and
call limits still apply). One not in the window table gets a conservative default window. Keys
are model names without the backend prefix; a name matches the longest key it starts with, so
dated snapshots (``gpt-4o-2024-08-06``) take their family's entry."""

from __future__ import annotations

from typing import TypeVar

_T = TypeVar("_T")

PRICES: dict[str, tuple[float, float]] = {
    # OpenAI
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "o3": (2.00, 8.00),
    "o4-mini": (1.10, 4.40),
    # Anthropic
    "claude-3-5-haiku": (0.80, 4.00),
    "claude-3-7-sonnet": (3.00, 15.00),
    "claude-sonnet-4": (3.00, 15.00),
    "claude-opus-4": (15.00, 75.00),
    "claude-haiku-4": (1.00, 5.00),
}


WINDOWS: dict[str, int] = {
    "gpt-4o": 128_000, "gpt-4o-mini": 128_000, "gpt-4.1": 1_047_576, "gpt-4.1-mini": 1_047_576,
    "gpt-4.1-nano": 1_047_576, "o3": 200_000, "o4-mini": 200_000,
    "claude-3-5-haiku": 200_000, "claude-3-7-sonnet": 200_000, "claude-sonnet-4": 200_000,
    "claude-opus-4": 200_000, "claude-haiku-4": 200_000,
}
#: The window assumed for a model not in :data:`WINDOWS` (local servers often run 8k to 32k).
DEFAULT_WINDOW = 16_384


def _entry(table: dict[str, _T], model: str) -> _T | None:
    bare = model.split(":", 1)[-1]
    matches = [key for key in table if bare == key or bare.startswith(key + "-")]
    return table[max(matches, key=len)] if matches else None


def price_of(model: str) -> tuple[float, float] | None:
    """(input, output) dollars per million tokens for ``model`` (``backend:name`` or
    ``name``), or None when unknown."""
    return _entry(PRICES, model)


def window_of(model: str) -> int:
    """The context window of ``model`` in tokens (:data:`DEFAULT_WINDOW` when unknown)."""
    return _entry(WINDOWS, model) or DEFAULT_WINDOW


def cost_at(price: tuple[float, float] | None, input_tokens: int, output_tokens: int) -> float:
    """The dollars these tokens cost at ``price`` (input, output per million); 0 at no price."""
    if price is None:
        return 0.0
    return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000


def cost_of(model: str, input_tokens: int, output_tokens: int) -> float:
    """The dollars these tokens cost with ``model``, at the table's price."""
    return cost_at(price_of(model), input_tokens, output_tokens)
