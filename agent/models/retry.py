"""The one retry layer of the hosted-model backends, and the failures it sorts.

The SDK clients are built with ``max_retries=0`` so that a failure is retried here and only
here: retries stacked in two layers multiply (5 SDK attempts times 5 of ours: 25 requests) and
hide how many requests a rate-limited run really sent. A backend turns each SDK exception into
either a :class:`Transient` (worth another attempt: rate limits, 5xx, timeouts, no connection)
or a :class:`~homeostasis.core.errors.ModelError` (retrying cannot help: bad key, no credit, prompt
too long, a URL or a certificate no request gets past…) through :meth:`Endpoint.http_failure`
and :meth:`Endpoint.connection_failure`, so both backends word every failure the same way;
:meth:`Endpoint.call` retries the transient ones with exponential backoff and jitter and turns
the last into a one-line ``ModelError``. A malformed base URL fails before that, when the
backend is built (:func:`~homeostasis.models.base_url.check_base_url`).

No message built here contains the API key: it is never formatted in, and server text that
is quoted goes through :func:`redact` first.
"""

from __future__ import annotations

import logging
import os
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import httpx2
from homeostasis.core.errors import ModelError
from homeostasis.core.redaction import without_credentials
from homeostasis.models.base_url import check_base_url
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_random_exponential,
)
from tenacity.wait import wait_base

T = TypeVar("T")

log = logging.getLogger(__name__)

#: The longest a ``Retry-After`` header can make us wait, in seconds: a server asking for more
#: is better answered with an error the user sees than with a run that looks hung.
RETRY_AFTER_CAP = 60.0

#: Sent as the API key to a server at a ``base_url`` when none is configured: local servers
#: (vLLM, Ollama, llama.cpp) ignore it, and the SDKs refuse to send a request without one.
PLACEHOLDER_KEY = "no-key"

#: How much of a server's own error message is quoted in ours.
_DETAIL_CHARS = 300


def default_wait() -> wait_base:
    """Exponential backoff with full jitter (a random pause up to 1, 2, 4… seconds, at most
    30), so parallel runs hitting the same rate limit do not retry in lockstep."""
    return wait_random_exponential(multiplier=1, max=30)


class Transient(Exception):
    """A failure worth another attempt. ``status`` names it for the user ("HTTP 503",
    "timed out"); ``retry_after`` is the pause the server asked for, in seconds."""

    def __init__(self, status: str, *, retry_after: float | None = None, hint: str = "") -> None:
        super().__init__(status)
        self.status = status
        self.retry_after = retry_after
        self.hint = hint


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The pause a response asks for, in seconds, capped at :data:`RETRY_AFTER_CAP`.

    Reads OpenAI's ``retry-after-ms`` and the standard ``retry-after`` in seconds; the
    HTTP-date form of ``retry-after`` is ignored (the backoff applies instead).
    """
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue
        if seconds >= 0:
            return min(seconds, RETRY_AFTER_CAP)
    return None


def resolve_api_key(given: str | None, variable: str, vendor: str, base_url: str | None) -> str:
    """The key to send: ``given``, else the environment's ``variable``, else — for a server
    at a ``base_url``, which usually needs none — :data:`PLACEHOLDER_KEY`.

    Raises :class:`ModelError` naming ``variable`` when there is no key for the hosted API.
    """
    key = given or os.environ.get(variable)
    if key:
        return key
    if base_url is not None:
        return PLACEHOLDER_KEY
    raise ModelError(f"no {vendor} API key", hint=f"set {variable}")


def redact(text: str, secret: str) -> str:
    """``text`` on one line, with ``secret`` blanked out and cut to a readable length:
    servers echo keys in their errors (OpenAI's "Incorrect API key provided: sk-…")."""
    if secret:
        text = text.replace(secret, "***")
    text = " ".join(text.split())
    return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"


@dataclass(frozen=True)
class Endpoint:
    """One backend as its failure messages and its retry loop see it.

    ``vendor`` ("OpenAI") and ``key_variable`` ("OPENAI_API_KEY") word the messages; a
    ``base_url`` replaces the vendor's name in them, since a local server is not the vendor.
    """

    vendor: str
    key_variable: str
    model: str
    key: str = field(repr=False)
    base_url: str | None = None
    timeout: float = 120.0
    max_retries: int = 4
    wait: wait_base | None = None

    @classmethod
    def configured(
        cls,
        vendor: str,
        key_variable: str,
        model: str,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float,
        max_retries: int,
        wait: wait_base | None,
    ) -> Endpoint:
        """A backend's endpoint, its ``base_url`` checked by :func:`check_base_url` and its key
        found by :func:`resolve_api_key`: both fail here, before any request."""
        if base_url is not None:
            check_base_url(base_url)
        key = resolve_api_key(api_key, key_variable, vendor, base_url)
        return cls(vendor, key_variable, model, key, base_url, timeout, max_retries, wait)

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries cannot be negative, not {self.max_retries}")

    @property
    def label(self) -> str:
        """Who answered: the vendor, or the server at ``base_url``."""
        if self.base_url is None:
            return self.vendor
        return f"the server at {without_credentials(self.base_url)}"

    def http_failure(
        self,
        status: int,
        detail: str,
        headers: Mapping[str, str],
        *,
        quota: bool = False,
        too_long: bool = False,
    ) -> Transient | ModelError:
        """What an HTTP error response means. ``detail`` is the server's own message;
        ``quota`` and ``too_long`` are the backend's reading of its vendor's error codes."""
        detail = redact(detail, self.key)
        if status in (401, 403):
            return ModelError(
                f"{self.label} refused the API key (HTTP {status})",
                hint=f"check {self.key_variable}",
            )
        if quota:
            return ModelError(
                f"{self.label} says the account is out of credit or quota (HTTP {status})",
                hint="add credit or raise the limit",
            )
        if too_long:
            return ModelError(
                f"the prompt is longer than the model's window ({self.model}, HTTP {status})",
                hint="give the model less context or pick one with a larger window",
            )
        if status == 404:
            where = "" if self.base_url is None else " and the base URL"
            return ModelError(
                f"{self.label} has no model {self.model!r} (HTTP 404)",
                hint=f"check the model name{where}",
            )
        if status in (408, 429) or status >= 500:
            hint = "rate-limited; try again later or send fewer requests" if status == 429 else ""
            return Transient(f"HTTP {status}", retry_after=retry_after(headers), hint=hint)
        return ModelError(f"{self.label} rejected the request (HTTP {status}): {detail}")

    def connection_failure(self, error: BaseException, *, timed_out: bool
                           ) -> Transient | ModelError:
        """A request that got no answer: a timeout or a connection that failed, worth another
        attempt — unless ``error``, or what caused it, shows that no attempt can succeed."""
        if timed_out:
            return Transient(
                "timed out",
                hint=f"no reply within {self.timeout:g} s; raise the timeout or lower max_tokens",
            )
        final = _hopeless(error)
        if final is not None:
            # Without a base URL of ours, the SDK took one from its vendor's variable.
            where = "the base URL" if self.base_url else f"{self.vendor.upper()}_BASE_URL"
            hint = f"check {where}" if isinstance(final, httpx2.UnsupportedProtocol) else (
                "give the server a trusted certificate, or point SSL_CERT_FILE at its CA")
            return ModelError(f"cannot send a request to {self.label}: "
                              f"{redact(str(final), self.key)}", hint=hint)
        hint = "check the network connection" if self.base_url is None else "is it running?"
        return Transient("could not connect", hint=hint)

    def call(self, request: Callable[[], T]) -> T:
        """``request()``, tried again after each :class:`Transient` it raises, at most
        :attr:`max_retries` more times; any other exception goes straight through.

        When every attempt failed, raises a :class:`ModelError` saying how many attempts were
        made and how the last one failed.
        """
        attempts = self.max_retries + 1
        retrying = Retrying(
            stop=stop_after_attempt(attempts),
            wait=_HonourRetryAfter(self.wait if self.wait is not None else default_wait()),
            retry=retry_if_exception_type(Transient),
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(request)
        except Transient as last:
            tried = f"{attempts} attempt" + ("s" if attempts > 1 else "")
            raise ModelError(
                f"gave up on {self.label} after {tried} (last: {last.status})",
                hint=last.hint or "it is down or overloaded; try again later",
            ) from None

    def _log_retry(self, state: RetryCallState) -> None:
        failure = state.outcome.exception() if state.outcome else None
        pause = state.next_action.sleep if state.next_action else 0.0
        log.info(
            "%s: %s; attempt %d of %d in %.1f s",
            self.label,
            failure,
            state.attempt_number + 1,
            self.max_retries + 1,
            pause,
        )


def _hopeless(error: BaseException) -> BaseException | None:
    """The failure in ``error``'s chain of causes that no retry can get past — a URL the HTTP
    client cannot send to, a certificate it does not trust — or None."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, (httpx2.UnsupportedProtocol, ssl.SSLCertVerificationError)):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class _HonourRetryAfter(wait_base):
    """Waits as long as the backoff says, or as long as the server asked if that is longer."""

    def __init__(self, backoff: wait_base) -> None:
        self.backoff = backoff

    def __call__(self, retry_state: RetryCallState) -> float:
        pause = self.backoff(retry_state)
        failure = retry_state.outcome.exception() if retry_state.outcome else None
        if isinstance(failure, Transient) and failure.retry_after is not None:
            pause = max(pause, failure.retry_after)
        return pause
