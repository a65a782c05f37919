"""OpenAI's chat completions API, and every server that speaks it (vLLM, Ollama, llama.cpp…).

Built on the official ``openai`` client with its own retries off: :mod:`.retry` is the one
place a failed request is tried again.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import httpx2
import openai
from homeostasis.core.errors import ModelError
from homeostasis.models.base import Completion, Message, ModelRequest, Usage
from homeostasis.models.retry import Endpoint, redact
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from tenacity.wait import wait_base

#: OpenAI's codes, and the words of OpenAI-compatible servers (vLLM, llama.cpp) that send none,
#: for a prompt that does not fit the model's window.
_TOO_LONG_CODES = {"context_length_exceeded", "exceed_context_size_error"}
_TOO_LONG_WORDS = ("maximum context length", "context size", "context window")


class OpenAIModel:
    """Answers a :class:`ModelRequest` with one ``chat.completions.create`` call asking for
    ``n`` choices, and further calls for the rest when a server returns fewer (many
    OpenAI-compatible servers ignore ``n``).

    The key is ``api_key``, else ``OPENAI_API_KEY``; a server at ``base_url`` gets a
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
        self.name = f"openai:{model}"
        self.model = model
        self._endpoint = Endpoint.configured(
            "OpenAI",
            "OPENAI_API_KEY",
            model,
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            wait=wait,
        )
        self._client = openai.OpenAI(
            api_key=self._endpoint.key,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    def complete(self, request: ModelRequest) -> list[Completion]:
        """``request.n`` completions, each with its ``finish_reason`` ("length" when cut off
        at ``max_tokens``). A request's token counts ride on its first completion, since the
        API reports them per request, not per choice; the cost stays 0 for a pricing wrapper."""
        messages = [_message(m) for m in request.messages]
        completions: list[Completion] = []
        while len(completions) < request.n:
            missing = request.n - len(completions)
            reply = self._endpoint.call(partial(self._create, request, messages, missing))
            got = _completions(reply)[:missing]
            if not got:
                raise ModelError(f"{self._endpoint.label} returned no choices for {self.model!r}")
            completions += got
        return completions

    def _create(
        self, request: ModelRequest, messages: list[ChatCompletionMessageParam], n: int
    ) -> ChatCompletion:
        """One request, its failures sorted into transient ones and final ones."""
        endpoint = self._endpoint
        try:
            return self._client.chat.completions.create(
                model=self.model,
                messages=messages,
                n=n,
                temperature=request.temperature,
                max_tokens=request.max_tokens,
            )
        except openai.APIStatusError as exc:
            detail = _detail(exc)
            too_long = (
                exc.code in _TOO_LONG_CODES
                or exc.type in _TOO_LONG_CODES
                or any(words in detail.lower() for words in _TOO_LONG_WORDS)
            )
            raise endpoint.http_failure(
                exc.status_code,
                detail,
                exc.response.headers,
                quota=exc.code == "insufficient_quota",
                too_long=too_long,
            ) from None
        except openai.APIConnectionError as exc:
            raise endpoint.connection_failure(
                exc, timed_out=isinstance(exc, openai.APITimeoutError)
            ) from None
        except openai.OpenAIError as exc:
            raise ModelError(f"{endpoint.label}: {redact(str(exc), endpoint.key)}") from None


def _message(message: Message) -> ChatCompletionMessageParam:
    if message.role == "system":
        return {"role": "system", "content": message.content}
    if message.role == "assistant":
        return {"role": "assistant", "content": message.content}
    return {"role": "user", "content": message.content}


def _completions(reply: ChatCompletion) -> list[Completion]:
    usage = reply.usage
    first = Usage(usage.prompt_tokens, usage.completion_tokens) if usage else Usage()
    return [
        Completion(
            choice.message.content or "",
            finish_reason=choice.finish_reason or "stop",
            usage=first if i == 0 else Usage(),
        )
        for i, choice in enumerate(reply.choices)
    ]


def _detail(exc: openai.APIStatusError) -> str:
    """The server's own words: ``error.message`` of the body, else the SDK's summary."""
    body: Any = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])
    return exc.message
