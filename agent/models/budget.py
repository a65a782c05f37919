"""SpendingLimits limits per run — dollars, tokens and model calls — checked before every call, and
the tally of what the run spent (shown at the end, stored in the run records).

Before a call, its cost is bounded from above: the prompt's tokens (counted, or estimated
offline) plus ``max_tokens`` for each of the ``n`` replies. A call that could pass a limit is
not made: :class:`BudgetExceeded` says which limit and what was spent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from homeostasis.core.errors import ModelError, UsageError
from homeostasis.models.base import Completion, Model, ModelRequest, Usage
from homeostasis.models.catalog import cost_at, price_of
from homeostasis.models.tokens import TokenCounter

#: How much a prompt may outgrow its count when the count is not the model's own tokenizer's.
UNCERTAIN_TOKENS = 1.3


class BudgetExceeded(ModelError):
    """The next call would pass a spending limit."""


@dataclass(frozen=True)
class SpendingLimits:
    """The most a run may spend with a model; None means no limit."""

    dollars: float | None = None
    tokens: int | None = None
    calls: int | None = None


@dataclass
class Spent:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    dollars: float = 0.0

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens


class BudgetedModel:
    """``inner`` with ``limits`` enforced and its spending tallied in :attr:`spent`. Replies
    come back with their cost filled in at ``price`` (dollars per million input and output
    tokens; by default the price table's).

    Raises :class:`UsageError` when there is a dollar limit and no price to hold it to.
    """

    def __init__(self, inner: Model, limits: SpendingLimits, counter: TokenCounter | None = None,
                 warn: Callable[[str], None] | None = None,
                 price: tuple[float, float] | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.limits = limits
        self.price = price if price is not None else price_of(inner.name)
        self.counter = counter or TokenCounter(inner.name, warn=warn)
        self.spent = Spent()
        self._lock = threading.Lock()
        if self.price is None and limits.dollars is not None:
            raise UsageError(
                f"no price known for {inner.name}, so max_dollars cannot be enforced",
                "give its price in dollars per million tokens: --price-input and --price-output, "
                "or price_input and price_output in [tool.homeostasis]")
        if self.price is None and warn is not None:
            warn(f"no price known for {inner.name}: its cost is counted as $0 "
                 "(token and call limits still apply)")

    def _check(self, request: ModelRequest) -> None:
        prompt = self.counter.count_messages([m.content for m in request.messages])
        if not self.name.startswith("openai:") or self.counter.estimated:
            # Another vendor's tokenizer, or an estimate: leave room so the bound stays one.
            prompt = int(prompt * UNCERTAIN_TOKENS)
        most = prompt * request.n + request.max_tokens * request.n  # n replies, n prompts
        worst = cost_at(self.price, prompt * request.n, request.max_tokens * request.n)
        s, lim = self.spent, self.limits
        if lim.calls is not None and s.calls + 1 > lim.calls:
            raise BudgetExceeded(f"model call limit reached ({s.calls} of {lim.calls} made)",
                                 "raise max_calls")
        if lim.tokens is not None and s.tokens + most > lim.tokens:
            raise BudgetExceeded(
                f"token limit: {s.tokens} spent, the next call may take {most} more "
                f"(limit {lim.tokens})", "raise max_tokens_total")
        if lim.dollars is not None and s.dollars + worst > lim.dollars:
            raise BudgetExceeded(
                f"dollar limit: ${s.dollars:.4f} spent, the next call may cost up to "
                f"${worst:.4f} (limit ${lim.dollars:.2f})", "raise max_dollars")

    def complete(self, request: ModelRequest) -> list[Completion]:
        with self._lock:
            self._check(request)
            self.spent.calls += 1
        replies = self.inner.complete(request)
        priced = []
        for reply in replies:
            used = reply.usage
            cost = used.cost or cost_at(self.price, used.input_tokens, used.output_tokens)
            priced.append(Completion(reply.text, reply.finish_reason,
                                     Usage(used.input_tokens, used.output_tokens, cost)))
        with self._lock:
            for reply in priced:
                self.spent.input_tokens += reply.usage.input_tokens
                self.spent.output_tokens += reply.usage.output_tokens
                self.spent.dollars += reply.usage.cost
        return priced
