"""Capture runtime failures of a running Python service, for ``homeostasis watch``.

    from homeostasis.monitor import WSGIMiddleware      # Flask, Django, any WSGI app
    app.wsgi_app = WSGIMiddleware(app.wsgi_app, project="/srv/shop")

    from homeostasis.monitor import ASGIMiddleware      # Starlette, FastAPI, any ASGI app
    app = ASGIMiddleware(app)                           # project: the working folder

    from homeostasis.monitor import install_excepthook  # scripts, queue workers
    install_excepthook()

    from homeostasis.monitor import install_handler     # anything that logs its errors
    install_handler()

An unhandled exception (and a 5xx produced by one: the frameworks log it, and the monitor sees
what is logged without adding a handler, so the application's logging is as it was) is
recorded in the project's ``.homeostasis/runtime.sqlite3`` by a writer thread: the response is
never changed, and no request waits for the store. Only an ``Exception`` is a failure (not a
cancellation or an interrupt). The middleware also picks up a fix ``homeostasis watch``
hot-swapped in. This module imports only the standard library and the small capture code (no
model SDKs, Docker or tree-sitter). See docs/runtime-healing.md.
"""

from homeostasis.tools.observe.runtime.middleware import ASGIMiddleware, WSGIMiddleware
from homeostasis.tools.observe.runtime.monitor import (
    CaptureHandler,
    install_excepthook,
    install_handler,
    monitor_for,
)

__all__ = ["ASGIMiddleware", "CaptureHandler", "WSGIMiddleware", "install_excepthook",
           "install_handler", "monitor_for"]
