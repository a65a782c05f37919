"""A local stand-in for the OpenAI and Anthropic HTTP APIs, so the real SDKs run in tests.

:class:`LLMServer` listens on 127.0.0.1 (a free port), answers ``POST /v1/chat/completions``
and ``POST /v1/messages`` with the replies a test scripts, in order, and records every request
it receives. The helpers build replies in each API's real wire format, errors included, so
what the SDK parses here is what it parses in production.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"

_ids = itertools.count(1)


@dataclass(frozen=True)
class Reply:
    """One scripted response. A ``body`` that is not a string is sent as JSON; ``delay``
    seconds pass before anything is sent (to make a client time out)."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Received:
    """One request as the server saw it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    raw: bytes


# ── the two wire formats ─────────────────────────────────────────────────────────────────────


def openai_reply(
    *texts: str,
    model: str = "gpt-test",
    finish_reason: str = "stop",
    prompt_tokens: int = 11,
    completion_tokens: int = 7,
) -> Reply:
    """A chat completion with one choice per text, as ``POST /v1/chat/completions`` sends."""
    return Reply(
        body={
            "id": f"chatcmpl-{next(_ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": i,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                    "logprobs": None,
                    "finish_reason": finish_reason,
                }
                for i, text in enumerate(texts)
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
            "system_fingerprint": "fp_test",
        },
        headers={"x-request-id": f"req_{next(_ids)}"},
    )


def openai_error(
    status: int,
    message: str,
    *,
    type: str = "invalid_request_error",
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """An OpenAI error: ``{"error": {"message", "type", "param", "code"}}``."""
    return Reply(
        status,
        {"error": {"message": message, "type": type, "param": None, "code": code}},
        {"x-request-id": f"req_{next(_ids)}", **(headers or {})},
    )


def anthropic_reply(
    text: str,
    *,
    model: str = "claude-test",
    stop_reason: str = "end_turn",
    input_tokens: int = 13,
    output_tokens: int = 5,
) -> Reply:
    """A message, as ``POST /v1/messages`` sends."""
    return Reply(
        body={
            "id": f"msg_{next(_ids):024d}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        },
        headers={"request-id": f"req_{next(_ids):024d}"},
    )


def anthropic_error(
    status: int, type: str, message: str, *, headers: dict[str, str] | None = None
) -> Reply:
    """An Anthropic error: ``{"type": "error", "error": {"type", "message"}}``."""
    return Reply(
        status,
        {"type": "error", "error": {"type": type, "message": message}},
        {"request-id": f"req_{next(_ids):024d}", **(headers or {})},
    )


def _unscripted(path: str, status: int, message: str) -> Reply:
    """The server's own complaint, worded in the format of the API at ``path``."""
    if path == ANTHROPIC_PATH:
        return anthropic_error(status, "invalid_request_error", message)
    return openai_error(status, message)


# ── the server ───────────────────────────────────────────────────────────────────────────────


class LLMServer:
    """Plays :attr:`script` (one :class:`Reply` per request, in order) and records each
    request in :attr:`received`. A request past the end of the script gets a 400 saying so,
    which no backend retries, so a test expecting fewer requests fails with that message.

    Use as a context manager, or :meth:`start` and :meth:`stop`.
    """

    def __init__(self) -> None:
        self.received: list[Received] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        #: Set by stop(): a reply still waiting out its delay goes at once (to a client that has
        #: given up), so stopping does not wait for the delay.
        self.stopping = threading.Event()
        self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.llm = self
        # A short poll so that stop() returns at once (the default would wait up to 0.5 s).
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self.port = self._httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def script(self, *replies: Reply) -> None:
        """Queue ``replies`` after those not yet sent."""
        with self._lock:
            self._script.extend(replies)

    @property
    def paths(self) -> list[str]:
        return [r.path for r in self.received]

    def start(self) -> LLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening: a connection attempt after this is refused."""
        self.stopping.set()
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> LLMServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _answer(self, received: Received) -> Reply:
        with self._lock:
            self.received.append(received)
            if received.method != "POST" or received.path not in (OPENAI_PATH, ANTHROPIC_PATH):
                route = f"{received.method} {received.path}"
                return _unscripted(received.path, 404, f"llm_server: no route {route}")
            if not self._script:
                return _unscripted(
                    received.path,
                    400,
                    f"llm_server: no scripted reply left for request {len(self.received)}",
                )
            return self._script.popleft()


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # stop() waits for every request thread: none outlives its test
    llm: LLMServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a test's timeout) is expected; anything else is not."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so once the server stops nothing answers.
    protocol_version = "HTTP/1.0"
    server: _HTTPServer

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = self.path.split("?", 1)[0]
        headers = {name.lower(): value for name, value in self.headers.items()}
        reply = self.server.llm._answer(Received(self.command, path, headers, body, raw))
        if reply.delay:
            self.server.llm.stopping.wait(reply.delay)
        payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
        data = payload.encode("utf-8")
        self.send_response(reply.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests assert on :attr:`LLMServer.received` instead."""
