"""Anthropic's messages API, through the official ``anthropic`` client.

The client's own retries are off: :mod:`.retry` is the one place a failed request is tried
again. The installed client has no sampling parameters (``temperature``, ``top_p``): current
Claude models choose their own, so ``ModelRequest.temperature`` is not sent.
"""

from __future__ import annotations

from functools import partial

import anthropic
import httpx2
from anthropic.types import Message as AnthropicMessage
from anthropic.types import MessageParam
from homeostasis.core.errors import ModelError
from homeostasis.models.base import Completion, ModelRequest, Usage
from homeostasis.models.retry import Endpoint, redact
from tenacity.wait import wait_base

#: Stop reasons that mean the reply was cut off, not finished.
_CUT_OFF = {"max_tokens", "model_context_window_exceeded"}
#: Stop reasons of a whole reply.
_WHOLE = {"end_turn", "stop_sequence"}


class AnthropicModel:
    """Answers a :class:`ModelRequest` with ``n`` ``messages.create`` calls (the API has no
    ``n``), each retried on its own so one failure does not pay for the others twice.

    System messages are joined into the API's ``system`` parameter. The key is ``api_key``,
    else ``ANTHROPIC_API_KEY``; a server at ``base_url`` (its root, without ``/v1``) gets a
    placeholder when there is neither. ``wait`` replaces the exponential backoff (tests pass
    ``tenacity.wait_none()``), ``http_client`` the SDK's own HTTP client.
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 120.0,
        max_retries: int = 4,
        wait: wait_base | None = None,
        http_client: httpx2.Client | None = None,
    ) -> None:
        self.name = f"anthropic:{model}"
        self.model = model
        self._endpoint = Endpoint.configured(
            "Anthropic",
            "ANTHROPIC_API_KEY",
            model,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            wait=wait,
        )
        self._client = anthropic.Anthropic(
            api_key=self._endpoint.key,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    def complete(self, request: ModelRequest) -> list[Completion]:
        """``request.n`` completions; ``finish_reason`` is "length" when the reply was cut
        off at ``max_tokens``. Token counts are the API's; the cost stays 0 for a pricing
        wrapper."""
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        messages: list[MessageParam] = [
            {"role": "assistant", "content": m.content}
            if m.role == "assistant"
            else {"role": "user", "content": m.content}
            for m in request.messages
            if m.role != "system"
        ]
        ask = partial(self._create, request, system, messages)
        replies: list[Completion] = []
        for _ in range(request.n):
            try:
                replies.append(_completion(self._endpoint.call(ask)))
            except ModelError:
                if not replies:
                    raise
                break  # keep the replies already paid for; fewer than n is allowed
        return replies

    def _create(
        self, request: ModelRequest, system: str, messages: list[MessageParam]
    ) -> AnthropicMessage:
        """One request, its failures sorted into transient ones and final ones."""
        endpoint = self._endpoint
        try:
            return self._client.messages.create(
                model=self.model,
                max_tokens=request.max_tokens,
                messages=messages,
                system=system or anthropic.omit,
            )
        except anthropic.APIStatusError as exc:
            detail = exc.api_message or exc.message
            words = detail.lower()
            raise endpoint.http_failure(
                exc.status_code,
                detail,
                exc.response.headers,
                quota=exc.status_code == 402
                or exc.type == "billing_error"
                or "credit balance" in words,
                too_long=exc.status_code == 413
                or (exc.status_code == 400 and "prompt is too long" in words),
            ) from None
        except anthropic.APIConnectionError as exc:
            raise endpoint.connection_failure(
                exc, timed_out=isinstance(exc, anthropic.APITimeoutError)
            ) from None
        except anthropic.AnthropicError as exc:
            raise ModelError(f"{endpoint.label}: {redact(str(exc), endpoint.key)}") from None


def _completion(reply: AnthropicMessage) -> Completion:
    text = "".join(block.text for block in reply.content if block.type == "text")
    reason = reply.stop_reason or "end_turn"
    finish = "length" if reason in _CUT_OFF else "stop" if reason in _WHOLE else reason
    return Completion(
        text,
        finish_reason=finish,
        usage=Usage(reply.usage.input_tokens, reply.usage.output_tokens),
    )
