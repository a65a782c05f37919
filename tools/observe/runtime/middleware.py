"""WSGI and ASGI middleware: watch every request, record the failures, never change a
response. See :mod:`homeostasis.monitor` for how to use them.

Only an ``Exception`` is a failure: a ``BaseException`` that is not one (``CancelledError``
when the client goes away or the server shuts down, ``KeyboardInterrupt``, ``SystemExit``,
``GeneratorExit``) goes on untouched, neither recorded nor counted as a 5xx."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from homeostasis.tools.observe.runtime.monitor import current_request, install_handler

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class WSGIMiddleware:
    """``WSGIMiddleware(app, project=…)``: ``app`` as it was, watched (see the module)."""

    def __init__(self, app: WSGIApp, project: str | os.PathLike[str] | None = None) -> None:
        self.app = app
        self.handler = install_handler(project, requests_only=True)
        self.monitor = self.handler.monitor

    def __call__(self, environ: dict[str, Any], start_response: StartResponse
                 ) -> Iterable[bytes]:
        monitor = self.monitor
        monitor.tick()
        status = [0]

        def start(line: str, headers: Any, exc_info: Any = None) -> Any:
            status[0] = int(line[:3]) if line[:3].isdigit() else 0
            return start_response(line, headers, exc_info)

        seen = ("wsgi", environ, self)
        token = current_request.set(seen)
        try:
            result = self.app(environ, start)
        except Exception as exc:
            monitor.crashed(exc, seen)
            raise
        finally:
            current_request.reset(token)
        monitor.done(status[0])
        return result


class ASGIMiddleware:
    """``ASGIMiddleware(app, project=…)``: ``app`` as it was, watched (see the module)."""

    def __init__(self, app: ASGIApp, project: str | os.PathLike[str] | None = None) -> None:
        self.app = app
        self.handler = install_handler(project, requests_only=True)
        self.monitor = self.handler.monitor

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        monitor = self.monitor
        monitor.tick()
        status = 0

        async def watched(message: Message) -> None:
            nonlocal status
            if message.get("type") == "http.response.start":
                status = int(message.get("status", 0))
            await send(message)

        seen = ("asgi", scope, self)
        token = current_request.set(seen)
        try:
            await self.app(scope, receive, watched)
        except Exception as exc:
            monitor.crashed(exc, seen)
            raise
        finally:
            current_request.reset(token)
        monitor.done(status)
