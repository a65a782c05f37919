"""The OpenAI and Anthropic backends, through the real SDKs, against a local HTTP server.

Only the outside world is fake: :mod:`llm_server` speaks both APIs' wire formats on 127.0.0.1,
plays each test's script of responses and records what it received. Retries wait no time
(``tenacity.wait_none()``) unless a test is about the wait.
"""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx2
import pytest
import tenacity
from homeostasis.core.errors import ModelError, UsageError
from homeostasis.models.anthropic_backend import AnthropicModel
from homeostasis.models.base import Completion, Message, Model, ModelRequest, Usage
from homeostasis.models.openai_backend import OpenAIModel
from homeostasis.models.retry import RETRY_AFTER_CAP, retry_after
from llm_server import (
    ANTHROPIC_PATH,
    OPENAI_PATH,
    LLMServer,
    Reply,
    anthropic_error,
    anthropic_reply,
    openai_error,
    openai_reply,
)

KEY = "sk-test-KEY-5f0c1e9a7b3d"

SYSTEM = "You repair Python code. Answer with SEARCH/REPLACE blocks."
USER = "tests/test_calc.py::test_add fails: assert -1 == 5"

EDIT = """The function subtracts instead of adding.

calc.py
<<<<<<< SEARCH
    return a - b
=======
    return a + b
>>>>>>> REPLACE
"""
OTHER_EDIT = EDIT.replace("a + b", "b + a")
NO_EDITS = "I could not find the bug from what you showed me."


def request(n: int = 1) -> ModelRequest:
    return ModelRequest(
        (Message("system", SYSTEM), Message("user", USER)), n=n, temperature=0.7, max_tokens=256
    )


@dataclass(frozen=True)
class Api:
    """What differs between the two backends, for tests that run on both."""

    id: str
    path: str
    key_variable: str
    model_class: type[OpenAIModel] | type[AnthropicModel]
    url_suffix: str  # the SDK adds the rest of the path
    reply: Callable[[str], Reply]
    truncated: Callable[[str], Reply]
    error: Callable[[int, str, str], Reply]  # status, error type, message
    server_error: Reply

    def model(self, server: LLMServer, **options: Any) -> Model:
        options.setdefault("api_key", KEY)
        options.setdefault("wait", tenacity.wait_none())
        return self.model_class("m-1", base_url=server.url + self.url_suffix, **options)


OPENAI = Api(
    "openai",
    OPENAI_PATH,
    "OPENAI_API_KEY",
    OpenAIModel,
    "/v1",
    reply=lambda text: openai_reply(text, model="m-1"),
    truncated=lambda text: openai_reply(text, model="m-1", finish_reason="length"),
    error=lambda status, kind, message: openai_error(status, message, type=kind),
    server_error=openai_error(
        500, "The server had an error processing your request.", type="server_error"
    ),
)
ANTHROPIC = Api(
    "anthropic",
    ANTHROPIC_PATH,
    "ANTHROPIC_API_KEY",
    AnthropicModel,
    "",
    reply=lambda text: anthropic_reply(text, model="m-1"),
    truncated=lambda text: anthropic_reply(text, model="m-1", stop_reason="max_tokens"),
    error=lambda status, kind, message: anthropic_error(status, kind, message),
    server_error=anthropic_error(529, "overloaded_error", "Overloaded"),
)


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key, base URL or proxy from the machine running the tests."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        "ANTHROPIC_CUSTOM_HEADERS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1")


@pytest.fixture
def server() -> Iterator[LLMServer]:
    with LLMServer() as running:
        yield running


@pytest.fixture(params=[OPENAI, ANTHROPIC], ids=lambda api: api.id)
def api(request: pytest.FixtureRequest) -> Api:
    chosen: Api = request.param
    return chosen


def one_line_without_key(error: ModelError) -> str:
    text = str(error)
    assert "\n" not in text
    assert KEY not in text
    assert "sk-test" not in text
    return text


def assert_key_only_in_auth_header(server: LLMServer) -> None:
    for received in server.received:
        assert KEY not in received.raw.decode()
        assert [name for name, value in received.headers.items() if KEY in value] == [
            "authorization"
        ]
        assert received.headers["authorization"] == f"Bearer {KEY}"


# ── replies ──────────────────────────────────────────────────────────────────────────────────


def test_openai_sends_one_request_for_n_choices_and_returns_each(server: LLMServer) -> None:
    server.script(
        openai_reply(EDIT, OTHER_EDIT, model="gpt-4o", prompt_tokens=40, completion_tokens=30)
    )
    model = OpenAIModel("gpt-4o", base_url=server.url + "/v1", api_key=KEY)

    completions = model.complete(request(n=2))

    assert model.name == "openai:gpt-4o"
    assert completions == [
        Completion(EDIT, "stop", Usage(40, 30, 0.0)),
        Completion(OTHER_EDIT, "stop", Usage(0, 0, 0.0)),
    ]
    [sent] = server.received
    assert sent.path == OPENAI_PATH
    assert sent.body == {
        "model": "gpt-4o",
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": USER}],
        "n": 2,
        "temperature": 0.7,
        "max_tokens": 256,
    }
    assert_key_only_in_auth_header(server)


def test_anthropic_makes_one_call_per_completion_with_the_system_apart(server: LLMServer) -> None:
    server.script(
        anthropic_reply(EDIT, input_tokens=50, output_tokens=20),
        anthropic_reply(OTHER_EDIT, input_tokens=50, output_tokens=25),
    )
    model = AnthropicModel("claude-sonnet-5", base_url=server.url, api_key=KEY)

    completions = model.complete(request(n=2))

    assert model.name == "anthropic:claude-sonnet-5"
    assert completions == [
        Completion(EDIT, "stop", Usage(50, 20, 0.0)),
        Completion(OTHER_EDIT, "stop", Usage(50, 25, 0.0)),
    ]
    assert server.paths == [ANTHROPIC_PATH, ANTHROPIC_PATH]
    for sent in server.received:
        # No temperature: the installed SDK has no sampling parameters to send it with.
        assert sent.body == {
            "model": "claude-sonnet-5",
            "system": SYSTEM,
            "messages": [{"role": "user", "content": USER}],
            "max_tokens": 256,
        }
    assert_key_only_in_auth_header(server)


def test_anthropic_keeps_the_replies_paid_for_when_a_later_call_fails(server: LLMServer
                                                                       ) -> None:
    """Of n calls, the first succeeded: its reply (and its usage) is kept, not thrown away."""
    server.script(anthropic_reply(EDIT, input_tokens=50, output_tokens=20),
                  anthropic_error(400, "invalid_request_error", "something else"))
    model = AnthropicModel("claude-sonnet-5", base_url=server.url, api_key=KEY)
    assert model.complete(request(n=3)) == [Completion(EDIT, "stop", Usage(50, 20, 0.0))]
    assert len(server.received) == 2
    server.script(anthropic_error(400, "invalid_request_error", "from the start"))
    with pytest.raises(ModelError, match="from the start"):
        model.complete(request(n=2))


def test_anthropic_sends_no_system_when_the_request_has_none(server: LLMServer) -> None:
    server.script(anthropic_reply("ok"))
    model = ANTHROPIC.model(server)
    model.complete(
        ModelRequest((Message("user", USER), Message("assistant", "?"), Message("user", "go on")))
    )
    [sent] = server.received
    assert "system" not in sent.body
    assert [m["role"] for m in sent.body["messages"]] == ["user", "assistant", "user"]


def test_openai_asks_again_for_the_choices_a_server_left_out(server: LLMServer) -> None:
    # Many OpenAI-compatible servers ignore n and return one choice.
    server.script(openai_reply("first"), openai_reply("second", "third"))
    completions = OPENAI.model(server).complete(request(n=3))
    assert [c.text for c in completions] == ["first", "second", "third"]
    assert [r.body["n"] for r in server.received] == [3, 2]


def test_openai_returning_no_choices_is_an_error_not_a_loop(server: LLMServer) -> None:
    server.script(openai_reply(), openai_reply("never asked for"))
    with pytest.raises(ModelError, match="returned no choices") as caught:
        OPENAI.model(server).complete(request())
    one_line_without_key(caught.value)
    assert len(server.received) == 1


def test_a_truncated_reply_says_length(server: LLMServer, api: Api) -> None:
    server.script(api.truncated(EDIT[:40]))
    [completion] = api.model(server).complete(request())
    assert (completion.text, completion.finish_reason) == (EDIT[:40], "length")


def test_a_reply_without_edits_comes_back_as_text(server: LLMServer, api: Api) -> None:
    server.script(api.reply(NO_EDITS))
    [completion] = api.model(server).complete(request())
    assert (completion.text, completion.finish_reason) == (NO_EDITS, "stop")


# ── keys ─────────────────────────────────────────────────────────────────────────────────────


def test_a_missing_key_names_the_variable(api: Api) -> None:
    vendor = {"openai": "OpenAI", "anthropic": "Anthropic"}[api.id]
    with pytest.raises(ModelError) as caught:
        api.model_class("m-1")
    assert str(caught.value) == f"no {vendor} API key (set {api.key_variable})"


def test_the_key_comes_from_the_environment(
    server: LLMServer, api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(api.key_variable, KEY)
    server.script(api.reply("ok"))
    api.model(server, api_key=None).complete(request())
    assert_key_only_in_auth_header(server)


def test_a_server_at_a_base_url_needs_no_key(server: LLMServer, api: Api) -> None:
    # vLLM, Ollama, llama.cpp: no key configured, a placeholder is sent.
    server.script(api.reply("ok"))
    [completion] = api.model(server, api_key=None).complete(request())
    assert completion.text == "ok"
    assert server.received[0].headers["authorization"] == "Bearer no-key"


# ── retried failures ─────────────────────────────────────────────────────────────────────────


def test_a_rate_limit_is_retried(server: LLMServer, api: Api) -> None:
    server.script(api.error(429, "rate_limit_error", "Rate limit reached"), api.reply("ok"))
    [completion] = api.model(server).complete(request())
    assert completion.text == "ok"
    assert server.paths == [api.path, api.path]


def test_retry_after_is_honoured(server: LLMServer, api: Api) -> None:
    limited = api.error(429, "rate_limit_error", "Rate limit reached")
    server.script(Reply(limited.status, limited.body, {"retry-after": "0.3"}), api.reply("ok"))
    started = time.monotonic()
    api.model(server).complete(request())  # wait_none(): only the header can make it wait
    assert time.monotonic() - started >= 0.3
    assert len(server.received) == 2


def test_retry_after_reads_seconds_and_milliseconds_and_is_capped() -> None:
    assert retry_after({"retry-after": "2"}) == 2.0
    assert retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert retry_after({"retry-after": "86400"}) == RETRY_AFTER_CAP
    assert retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) is None
    assert retry_after({}) is None


def test_a_server_error_storm_exhausts_the_retries(server: LLMServer, api: Api) -> None:
    status = api.server_error.status
    server.script(*[api.server_error] * 4, api.reply("one attempt too many"))
    with pytest.raises(ModelError) as caught:
        api.model(server, max_retries=3).complete(request())
    assert len(server.received) == 4
    text = one_line_without_key(caught.value)
    assert f"after 4 attempts (last: HTTP {status})" in text


def test_no_retries_means_one_request(server: LLMServer, api: Api) -> None:
    server.script(api.server_error, api.reply("not asked for"))
    with pytest.raises(ModelError, match=r"after 1 attempt \(last: HTTP"):
        api.model(server, max_retries=0).complete(request())
    assert len(server.received) == 1


def test_a_timeout_is_retried(server: LLMServer, api: Api) -> None:
    server.script(Reply(delay=2.0, body={}), api.reply("ok"))
    [completion] = api.model(server, timeout=0.3).complete(request())
    assert completion.text == "ok"
    assert len(server.received) == 2


def test_a_refused_connection_is_retried_then_reported(server: LLMServer, api: Api) -> None:
    attempts: list[str] = []
    client = httpx2.Client(event_hooks={"request": [lambda r: attempts.append(str(r.url))]})
    model = api.model(server, max_retries=2, http_client=client)
    server.stop()
    with pytest.raises(ModelError) as caught:
        model.complete(request())
    client.close()
    assert len(attempts) == 3
    text = one_line_without_key(caught.value)
    assert "after 3 attempts (last: could not connect) (is it running?)" in text
    assert server.url in text


# ── base URLs ────────────────────────────────────────────────────────────────────────────────

MALFORMED_URLS = {
    "unknown-scheme": "htp:/nohost",
    "no-scheme": "localhost:8000",
    "no-host": "http://",
    "space": "http://local host:8000/v1",
    "ftp": "ftp://models.example/v1",
    "port-out-of-range": "http://localhost:99999/v1",
    "broken-ipv6": "http://[::1/v1",
    "empty": "",
}


def counting_client(attempts: list[str]) -> httpx2.Client:
    """An HTTP client for the SDK that notes every request it is about to send."""
    return httpx2.Client(event_hooks={"request": [lambda r: attempts.append(str(r.url))]})


@pytest.mark.parametrize("url", MALFORMED_URLS.values(), ids=MALFORMED_URLS.keys())
def test_a_malformed_base_url_is_rejected_before_any_request(api: Api, url: str) -> None:
    attempts: list[str] = []
    client = counting_client(attempts)
    with pytest.raises(UsageError) as caught:
        model = api.model_class("m-1", base_url=url, api_key=KEY, http_client=client,
                                wait=tenacity.wait_none())
        model.complete(request())
    client.close()
    text = str(caught.value)
    assert text.startswith(f"invalid base URL {url!r}: ")
    assert "http://localhost:8000" in text  # what to write instead
    assert "\n" not in text
    assert attempts == []


def test_a_base_url_without_a_scheme_is_shown_with_one() -> None:
    with pytest.raises(UsageError, match=r"has no scheme \(write http://localhost:8000\)$"):
        OpenAIModel("m-1", base_url="localhost:8000")


@pytest.mark.parametrize("url", ["http://localhost:8000/v1", "https://llm.example.com/v1",
                                 "http://user:pw@127.0.0.1:8080", "http://[::1]:8000/v1"])
def test_well_formed_base_urls_are_accepted(api: Api, url: str) -> None:
    assert api.model_class("m-1", base_url=url).name == f"{api.id}:m-1"


def test_a_url_the_client_cannot_use_is_not_retried(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDKs' own variable bypasses the check above; a request to such a URL can never be
    sent, so it is tried once."""
    monkeypatch.setenv(f"{api.id.upper()}_BASE_URL", "htp:/nohost")
    attempts: list[str] = []
    client = counting_client(attempts)
    model = api.model_class("m-1", api_key=KEY, http_client=client, wait=tenacity.wait_none())
    with pytest.raises(ModelError) as caught:
        model.complete(request())
    client.close()
    assert len(attempts) == 1
    text = one_line_without_key(caught.value)
    assert text.startswith("cannot send a request to") and "protocol" in text
    assert text.endswith(f"(check {api.id.upper()}_BASE_URL)")


@pytest.fixture
def untrusted_tls_server(tmp_path: Path) -> Iterator[str]:
    """The base URL of an HTTPS server whose certificate is self-signed (made with openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=127.0.0.1",
                    "-days", "1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_untrusted_certificate_is_not_retried(untrusted_tls_server: str, api: Api) -> None:
    attempts: list[str] = []
    client = counting_client(attempts)
    model = api.model_class("m-1", base_url=untrusted_tls_server + api.url_suffix, api_key=KEY,
                            http_client=client, wait=tenacity.wait_none())
    with pytest.raises(ModelError) as caught:
        model.complete(request())
    client.close()
    assert len(attempts) == 1
    text = one_line_without_key(caught.value)
    assert "certificate verify failed" in text and "attempts" not in text


# ── failures that are not retried ────────────────────────────────────────────────────────────


def not_retried(server: LLMServer, api: Api, failure: Reply) -> str:
    """The one-line message of ``failure``, checked to have cost exactly one request."""
    server.script(failure, api.reply("a retry would get this"))
    with pytest.raises(ModelError) as caught:
        api.model(server).complete(request())
    assert len(server.received) == 1
    return one_line_without_key(caught.value)


def test_a_rejected_key_is_not_retried(server: LLMServer, api: Api) -> None:
    # OpenAI quotes the key it refused; the message must not.
    failure = api.error(401, "authentication_error", f"Incorrect API key provided: {KEY}.")
    text = not_retried(server, api, failure)
    assert text.endswith(f"refused the API key (HTTP 401) (check {api.key_variable})")


QUOTA = {
    "openai-insufficient-quota": (
        OPENAI,
        openai_error(
            429,
            "You exceeded your current quota, please check your plan and billing details.",
            type="insufficient_quota",
            code="insufficient_quota",
        ),
    ),
    "anthropic-billing-error": (
        ANTHROPIC,
        anthropic_error(402, "billing_error", "This organization has no credit left."),
    ),
    "anthropic-credit-balance": (
        ANTHROPIC,
        anthropic_error(
            400,
            "invalid_request_error",
            "Your credit balance is too low to access the Anthropic API.",
        ),
    ),
}


@pytest.mark.parametrize("case", QUOTA.values(), ids=QUOTA.keys())
def test_an_exhausted_quota_is_not_retried(server: LLMServer, case: tuple[Api, Reply]) -> None:
    api, failure = case
    text = not_retried(server, api, failure)
    assert "out of credit or quota" in text
    assert text.endswith("(add credit or raise the limit)")


TOO_LONG = {
    "openai": (
        OPENAI,
        openai_error(
            400,
            "This model's maximum context length is 128000 tokens. However, your messages "
            "resulted in 200000 tokens.",
            code="context_length_exceeded",
        ),
    ),
    "vllm": (
        OPENAI,
        Reply(
            400,
            {
                "object": "error",
                "type": "BadRequestError",
                "param": None,
                "code": 400,
                "message": "This model's maximum context length is 4096 tokens. However, you "
                "requested 5000 tokens (4744 in the messages, 256 in the completion).",
            },
        ),
    ),
    "anthropic": (
        ANTHROPIC,
        anthropic_error(
            400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"
        ),
    ),
}


@pytest.mark.parametrize("case", TOO_LONG.values(), ids=TOO_LONG.keys())
def test_a_prompt_too_long_is_not_retried(server: LLMServer, case: tuple[Api, Reply]) -> None:
    api, failure = case
    text = not_retried(server, api, failure)
    assert text.startswith("the prompt is longer than the model's window (m-1, HTTP 400)")


def test_an_unknown_model_is_not_retried(server: LLMServer, api: Api) -> None:
    failure = api.error(404, "not_found_error", "The model `m-1` does not exist.")
    text = not_retried(server, api, failure)
    assert "has no model 'm-1' (HTTP 404)" in text


def test_another_bad_request_is_not_retried_and_quotes_the_server(
    server: LLMServer, api: Api
) -> None:
    failure = api.error(400, "invalid_request_error", "messages: roles must alternate\n(index 2)")
    text = not_retried(server, api, failure)
    assert text.endswith(
        "rejected the request (HTTP 400): messages: roles must alternate (index 2)"
    )


def test_a_server_message_that_quotes_the_key_is_shown_without_it(
    server: LLMServer, api: Api
) -> None:
    failure = api.error(400, "invalid_request_error", f"header 'Bearer {KEY}' is malformed")
    text = not_retried(server, api, failure)
    assert text.endswith("(HTTP 400): header 'Bearer ***' is malformed")


def test_the_key_is_in_no_log_record(
    server: LLMServer, api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server.script(
        api.error(429, "rate_limit_error", "slow down"),
        api.reply("ok"),
        api.error(401, "authentication_error", f"Incorrect API key provided: {KEY}."),
    )
    model = api.model(server)
    model.complete(request())
    with pytest.raises(ModelError):
        model.complete(request())
    assert "attempt 2 of 5" in caplog.text  # the retry was logged…
    assert KEY not in caplog.text  # …and nothing logged the key
