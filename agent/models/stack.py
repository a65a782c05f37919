"""The model a run talks to, assembled from the settings, outermost first:

    RedactingModel   likely secrets out of every message (before any key or record is made)
    RecordingModel   with ``--record DIR``: every exchange saved for ``replay:DIR`` (above the
                     cache, so a session the cache answers is recorded whole)
    CachedModel      identical requests answered from the local cache (real backends only)
    BudgetedModel    dollar, token and call limits checked before each call; the tally
    backend          openai / anthropic / mock / replay / a dotted path

The scripted ``mock`` and the ``replay`` backend are never cached: they are answers already,
and cost nothing unless they replay a model with a price.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.errors import UsageError
from homeostasis.models.backends import load_model
from homeostasis.models.base import Model
from homeostasis.models.budget import BudgetedModel, SpendingLimits
from homeostasis.models.cache import CachedModel
from homeostasis.models.cassette import RecordingModel
from homeostasis.models.catalog import price_of
from homeostasis.models.redacting import RedactingModel
from homeostasis.models.tokens import TokenCounter

#: Backends whose answers come from files, not a model: nothing to cache or pay for.
_OFFLINE = ("mock", "replay")


@dataclass(frozen=True)
class ModelOptions:
    """What the stack needs of a run's settings: the backend spec and its options, the
    spending limits, the model's price when the price table lacks it or has it wrong (dollars
    per million input and output tokens), and the cache and recording switches."""

    spec: str
    base_url: str | None = None
    max_dollars: float | None = None
    max_tokens_total: int | None = None
    max_calls: int | None = None
    price_input: float | None = None
    price_output: float | None = None
    cache: bool = True
    record: str | None = None


@dataclass
class ModelStack:
    model: Model
    redacting: RedactingModel
    budget: BudgetedModel
    cache: CachedModel | None
    counter: TokenCounter

    def usage(self) -> dict[str, float | int]:
        """What the run spent, for the run records and the eval results."""
        spent = self.budget.spent
        return {"calls": spent.calls, "input_tokens": spent.input_tokens,
                "output_tokens": spent.output_tokens, "dollars": round(spent.dollars, 6),
                "cache_hits": self.cache.hits if self.cache else 0,
                "redactions": len(self.redacting.findings)}

    def close(self) -> None:
        if self.cache is not None:
            self.cache.close()


def _no_encoding(model: str) -> object:
    raise LookupError(f"{model} answers from files: token counts are estimates")


def _price(options: ModelOptions, model: str, offline: bool) -> tuple[float, float] | None:
    """What ``model`` costs: the price in ``options``, else the price table's; answers from
    files that the table does not price cost nothing. None: no price is known."""
    given, taken = options.price_input, options.price_output
    if given is not None and taken is not None:
        return given, taken
    if given is not None or taken is not None:
        have, lack = ("price_input", "price_output") if given is not None else (
            "price_output", "price_input")
        raise UsageError(f"{have} is set but not {lack}",
                         "give both, in dollars per million tokens")
    return price_of(model) or ((0.0, 0.0) if offline else None)


def build_model(options: ModelOptions, warn: Callable[[str], None]) -> ModelStack:
    """The wrapped model ``options.spec`` names. Raises :class:`UsageError` for a backend
    that cannot be built as configured, and for a dollar limit on a model with no price."""
    backend = load_model(options.spec, {"base_url": options.base_url} if options.base_url else {})
    offline = options.spec.startswith(_OFFLINE)
    # Answers from files need no tokenizer (and must not download one).
    counter = (TokenCounter(backend.name, load=_no_encoding, warn=lambda _: None) if offline
               else TokenCounter(backend.name, warn=warn))
    limits = SpendingLimits(options.max_dollars, options.max_tokens_total, options.max_calls)
    budget = BudgetedModel(backend, limits, counter=counter, warn=warn,
                           price=_price(options, backend.name, offline))
    cache = None
    outer: Model = budget
    if options.cache and not offline:
        cache = CachedModel(budget)
        outer = cache
    if options.record:
        outer = RecordingModel(outer, Path(options.record))
    redacting = RedactingModel(outer)
    return ModelStack(redacting, redacting, budget, cache, counter)
