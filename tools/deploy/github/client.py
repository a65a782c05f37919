"""A small client for the GitHub REST API: one token, one base URL, retries where GitHub asks.

:class:`GitHub` sends JSON requests to ``api_url`` (``https://api.github.com``, or a GitHub
Enterprise Server's ``https://HOST/api/v3``) with the headers GitHub documents: the token as
``Authorization: Bearer``, ``Accept: application/vnd.github+json`` and the pinned
``X-GitHub-Api-Version``. A request is tried again (tenacity, on an injectable ``sleep`` and
``clock`` so tests do not wait) when GitHub is down (5xx), unreachable, or rate-limiting:

- a ``retry-after`` header is obeyed;
- ``x-ratelimit-remaining: 0`` waits until ``x-ratelimit-reset`` (epoch seconds);
- a 429, or a 403 that names a secondary rate limit, without either header waits a minute,
  as GitHub's documentation asks;
- a pause longer than ``max_pause`` is not waited out: the run says when to try again.

Every other failure is a :class:`GitHubError` in one line, worded for what the user can do:
a token without the workflow permissions it needs, a repository that does not let GitHub
Actions open pull requests, a repository the token cannot see.

The token is sent in the ``Authorization`` header and nowhere else: it is not in this
object's repr, in log lines, or in any message (GitHub's own text, quoted in an error, has it
blanked out and passes through :func:`~homeostasis.core.redaction.redact`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx2
from homeostasis import __version__
from homeostasis.core.errors import DeployError
from homeostasis.core.redaction import redact, without_credentials
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
USER_AGENT = f"homeostasis/{__version__}"

PERMISSIONS_HINT = ("give the workflow's token the permissions `contents: write` and "
                    "`pull-requests: write`")
ACTIONS_MAY_NOT_OPEN_PRS_HINT = (
    'enable "Allow GitHub Actions to create and approve pull requests" in the repository or '
    "organisation settings (Settings > Actions > General > Workflow permissions)")

#: A rate limit's pause when GitHub names none: "wait for at least one minute".
_UNSPECIFIED_PAUSE = 60.0
#: How much of GitHub's own message is quoted in ours.
_DETAIL_CHARS = 300


class GitHubError(DeployError):
    """GitHub refused a request or could not be reached. ``status`` is the HTTP status (None
    when no answer came) and ``detail`` GitHub's own message, cleaned of secrets."""

    def __init__(self, message: str, hint: str = "", *, status: int | None = None,
                 detail: str = "") -> None:
        super().__init__(message, hint)
        self.status = status
        self.detail = detail


class _Transient(Exception):
    """A failure worth another attempt; ``pause`` is the wait GitHub asked for, if any."""

    def __init__(self, what: str, pause: float | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.pause = pause


class GitHub:
    """A client of the REST API at ``api_url`` acting with ``token``; close it when done (or
    use it as a context manager). ``attempts`` bounds the tries of one request; ``sleep`` and
    ``clock`` (``time.sleep``, ``time.time``) are the seams a test fakes."""

    def __init__(
        self,
        token: str,
        api_url: str = DEFAULT_API_URL,
        *,
        timeout: float = 30.0,
        attempts: int = 5,
        max_pause: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not token:
            raise GitHubError("no GitHub token was given", "pass the workflow's GITHUB_TOKEN")
        if attempts < 1:
            raise ValueError(f"attempts must be at least 1, not {attempts}")
        self.api_url = _checked_api_url(api_url)
        self.attempts = attempts
        self.max_pause = max_pause
        self._token = token
        self._sleep = sleep
        self._clock = clock
        self._http = httpx2.Client(
            base_url=self.api_url + "/",
            headers={
                "Authorization": f"Bearer {token}",
                "Accept": "application/vnd.github+json",
                "X-GitHub-Api-Version": API_VERSION,
                "User-Agent": USER_AGENT,
            },
            timeout=timeout,
            follow_redirects=True,  # a renamed repository answers with a redirect
        )

    def __repr__(self) -> str:
        return f"GitHub({self.api_url!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GitHub:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, json: Mapping[str, Any]) -> Any:
        return self.request("POST", path, json=json)

    def patch(self, path: str, json: Mapping[str, Any]) -> Any:
        return self.request("PATCH", path, json=json)

    def request(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                json: Mapping[str, Any] | None = None) -> Any:
        """The decoded JSON answer to ``method path`` (``path`` relative to ``api_url``, e.g.
        ``/repos/OWNER/REPO/pulls``), None for an empty one; tried again as the module
        docstring says. Raises :class:`GitHubError` when GitHub refuses it or every attempt
        failed."""
        retrying = Retrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._pause,
            retry=retry_if_exception_type(_Transient),
            sleep=self._sleep,
            before_sleep=lambda state: self._log_retry(method, path, state),
            reraise=True,
        )
        try:
            return retrying(self._once, method, path, params, json)
        except _Transient as last:
            tried = f"{self.attempts} attempt" + ("s" if self.attempts > 1 else "")
            raise GitHubError(
                f"gave up on {method} {path} at GitHub after {tried} (last: {last.what})",
                "GitHub is down, unreachable or rate-limiting; try again later",
            ) from None

    def _once(self, method: str, path: str, params: Mapping[str, str] | None,
              json: Mapping[str, Any] | None) -> Any:
        try:
            response = self._http.request(method, path, params=params, json=json)
        except httpx2.TimeoutException:
            raise _Transient("timed out") from None
        except (httpx2.UnsupportedProtocol, httpx2.InvalidURL):
            raise GitHubError(f"cannot send a request to {self.api_url}",
                              "check the GitHub API URL") from None
        except httpx2.TransportError as exc:
            raise _Transient(f"could not connect ({type(exc).__name__})") from None
        if response.is_success:
            try:
                return response.json() if response.content else None
            except ValueError:
                raise GitHubError(f"GitHub answered {method} {path} with something that is "
                                  "not JSON", "check the GitHub API URL") from None
        raise self._failure(method, path, response)

    def _failure(self, method: str, path: str, response: httpx2.Response
                 ) -> _Transient | GitHubError:
        status = response.status_code
        detail = self._detail(response)
        if status in (403, 429):
            pause = self._rate_limit_pause(status, response.headers, detail)
            if pause is not None and pause > self.max_pause:
                return GitHubError(
                    f"GitHub's rate limit for this token holds for another {pause:.0f} s "
                    f"(HTTP {status})", "try again later", status=status, detail=detail)
            if pause is not None:
                return _Transient(f"HTTP {status}, rate-limited", pause)
        if status >= 500:
            asked = _seconds(response.headers.get("retry-after"))
            return _Transient(f"HTTP {status}", None if asked is None
                              else min(asked, self.max_pause))
        return _refusal(method, path, status, detail)

    def _rate_limit_pause(self, status: int, headers: Mapping[str, str], detail: str
                          ) -> float | None:
        """How long GitHub asks us to wait, or None when the answer is not a rate limit."""
        asked = _seconds(headers.get("retry-after"))
        if asked is not None:
            return asked
        if headers.get("x-ratelimit-remaining") == "0":
            reset = _seconds(headers.get("x-ratelimit-reset"))
            if reset is not None:
                return max(0.0, reset - self._clock())
        lowered = detail.lower()
        if status == 429 or "secondary rate limit" in lowered or "abuse" in lowered:
            return _UNSPECIFIED_PAUSE
        return None

    def _pause(self, state: RetryCallState) -> float:
        """The wait before the next attempt: what GitHub asked for, else 1, 2, 4… s up to 30."""
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, _Transient) and failure.pause is not None:
            return failure.pause
        return float(min(2 ** (state.attempt_number - 1), 30))

    def _detail(self, response: httpx2.Response) -> str:
        """GitHub's message (with the messages of its ``errors``) on one line, without the
        token or anything else that looks like a secret."""
        try:
            data = response.json()
        except ValueError:
            data = response.text
        if isinstance(data, dict):
            parts = [str(data.get("message") or "")]
            for error in data.get("errors") or ():
                if isinstance(error, dict):
                    parts.append(str(error.get("message") or error.get("code") or ""))
                else:
                    parts.append(str(error))
            text = "; ".join(part for part in parts if part)
        else:
            text = str(data)
        text, _ = redact(" ".join(text.replace(self._token, "***").split()), "GitHub")
        return text if len(text) <= _DETAIL_CHARS else text[: _DETAIL_CHARS - 1] + "…"

    def _log_retry(self, method: str, path: str, state: RetryCallState) -> None:
        failure = state.outcome.exception() if state.outcome else None
        pause = state.next_action.sleep if state.next_action else 0.0
        log.info("GitHub %s %s: %s; attempt %d of %d in %.1f s", method, path, failure,
                 state.attempt_number + 1, self.attempts, pause)


def _refusal(method: str, path: str, status: int, detail: str) -> GitHubError:
    """The error for an answer that no retry can change."""
    lowered = detail.lower()
    said = f"HTTP {status}: {detail}" if detail else f"HTTP {status}"
    if "not permitted to create or approve pull requests" in lowered:
        return GitHubError(f"GitHub Actions may not open pull requests in this repository "
                           f"({said})", ACTIONS_MAY_NOT_OPEN_PRS_HINT, status=status,
                           detail=detail)
    if "resource not accessible by" in lowered:
        return GitHubError(f"the GitHub token may not {method} {path} ({said})",
                           PERMISSIONS_HINT, status=status, detail=detail)
    if status == 401:
        return GitHubError(f"GitHub refused the token ({said})",
                           "check the token given to Homeostasis", status=status, detail=detail)
    if status == 404:
        return GitHubError(f"GitHub found nothing at {method} {path} ({said})",
                           "check the repository's name, and that the token can see it",
                           status=status, detail=detail)
    return GitHubError(f"GitHub refused {method} {path} ({said})", status=status, detail=detail)


def _seconds(value: str | None) -> float | None:
    """A header's number of seconds, or None when it is missing or not a number."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return max(0.0, seconds)


def _checked_api_url(api_url: str) -> str:
    """``api_url`` without a trailing slash; a :class:`GitHubError` unless it is an http(s)
    URL with a host."""
    try:
        url = httpx2.URL(api_url)
    except httpx2.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        raise GitHubError(f"{without_credentials(api_url)!r} is not a GitHub API URL",
                          "use https://api.github.com or https://HOST/api/v3")
    return api_url.rstrip("/")
