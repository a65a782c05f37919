"""One monitor per process and project: counts requests, records failures, and swaps in a
new code generation when a deploy announces one.

The happy path of a request is :meth:`Monitor.tick` (one ``stat``) and :meth:`Monitor.done`
(two additions; at most once a second a row of counts written to the store). Anything that
goes wrong inside the monitor is swallowed and said once on stderr: it never raises into the
application it watches.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from pathlib import Path
from types import TracebackType
from typing import Any

from homeostasis.tools.observe.runtime.capture import (
    asgi_request,
    capture,
    project_path,
    wsgi_request,
)
from homeostasis.tools.observe.runtime.generation import MARKER, adopt, read_generation
from homeostasis.tools.observe.runtime.store import EventStore

#: Seconds between two writes of a process's request counts.
FLUSH_EVERY = 1.0
_SEEN = "__homeostasis_seen__"

#: A request as the middleware saw it: ("wsgi", environ, middleware) or ("asgi", scope, …).
Seen = tuple[str, Mapping[str, Any], object]
#: The request being served in this context.
current_request: ContextVar[Seen | None] = ContextVar("homeostasis_request", default=None)
#: The code generation each project's monitor ran when this context's request started (set
#: by :meth:`Monitor.tick`): a failure is labelled with the code that raised it, not with one
#: another thread swapped in while the request ran.
started_on: ContextVar[Mapping[Path, int] | None] = ContextVar("homeostasis_generation",
                                                               default=None)


def _server() -> str:
    for name in ("gunicorn", "uvicorn", "hypercorn", "waitress"):
        if name in sys.modules:
            return name
    return ""


class Monitor:
    """See the module docstring; get one with :func:`monitor_for`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = EventStore(root)
        self._marker = str(root / MARKER)
        self._lock = threading.Lock()
        self._adopting = threading.Lock()
        self._stamp = self._marker_stamp()
        found = read_generation(root)
        self.generation = found.number if found else 0
        self._requests = self._errors = 0
        self._flushed = time.monotonic()
        self._pid = 0
        self._warned = False
        self._apps: dict[int, str] = {}
        atexit.register(self.safe_flush)

    def _marker_stamp(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self._marker)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_ino)

    def tick(self) -> None:
        """At the start of a request: register this process once, take in a new code
        generation, and note in the request's context which generation it starts on."""
        if self._pid != os.getpid():
            self._guarded(self._register)
        if self._marker_stamp() != self._stamp:
            self._guarded(self._new_generation)
        started = started_on.get()
        if started is None or started.get(self.root) != self.generation:
            started_on.set({**(started or {}), self.root: self.generation})

    def done(self, status: int) -> None:
        """At the end of a request that answered ``status``."""
        self._requests += 1
        if status >= 500:
            self._errors += 1
        if time.monotonic() - self._flushed >= FLUSH_EVERY:
            self.safe_flush()

    def crashed(self, exc: BaseException, request: Seen) -> None:
        """A request that ended in the unhandled exception ``exc``: recorded, counted as
        a 5xx (the server answers one, or drops the connection)."""
        self.failed(exc, request)
        self.done(500)

    def failed(self, exc: BaseException, request: Seen | None = None) -> None:
        """Record the unhandled exception ``exc`` (once per project, however many hooks see
        it)."""
        seen = getattr(exc, _SEEN, ())
        if self.root in seen:
            return

        def record() -> None:
            with contextlib.suppress(AttributeError, TypeError):  # a slotted exception
                setattr(exc, _SEEN, (*seen, self.root))
            where = request or current_request.get()
            summary = None if where is None else (
                wsgi_request(where[1]) if where[0] == "wsgi" else asgi_request(where[1]))
            fingerprint, event = capture(exc, self.root, summary)
            if where is not None:
                event["app"] = {"kind": where[0], "target": self._locate(where[2])}
            self.store.record(fingerprint, event, self._label(where))

        self._guarded(record)

    def safe_flush(self) -> None:
        """:meth:`flush`, never raising (at exit, in an excepthook)."""
        self._guarded(self.flush)

    def _locate(self, app: object) -> str:
        """``module:name`` of the project's global that holds ``app`` ("" when none does),
        for a test to import the application by (compared by identity: a proxy is never
        asked anything)."""
        if id(app) not in self._apps:
            base = os.path.realpath(self.root)
            self._apps[id(app)] = next((
                f"{module.__name__}:{name}"
                for module in list(sys.modules.values())
                if module is not None and module.__name__ != "__main__"
                and project_path(str(getattr(module, "__file__", "") or ""), base)
                for name, value in list(vars(module).items()) if value is app), "")
        return self._apps[id(app)]

    def flush(self) -> None:
        with self._lock:
            requests, errors = self._requests, self._errors
            self._requests = self._errors = 0
            self._flushed = time.monotonic()
        if requests:
            self.store.count_traffic(requests, errors, self.generation)

    def _register(self) -> None:
        self._pid = os.getpid()
        self.store.register_worker({"ppid": os.getppid(), "server": _server(),
                                    "argv": sys.argv[:3]}, self.generation)

    def _label(self, request: Seen | None) -> int:
        """The generation a failure is recorded under: the one its request started on (when
        one of this monitor's requests is being served), else the one this process runs."""
        if request is not None and getattr(request[2], "monitor", None) is self:
            started = started_on.get()
            if started is not None and self.root in started:
                return started[self.root]
        return self.generation

    def _new_generation(self) -> None:
        """Take in the generations published since this process's (other requests that
        start meanwhile wait, so none starts on half-swapped code), and record the report:
        what was swapped, and whether it needs a reload to run the latest."""
        with self._adopting:
            stamp = self._marker_stamp()
            if stamp == self._stamp:
                return
            try:
                found = read_generation(self.root)
                if found is None or found.number == self.generation:
                    return
                self.flush()  # the counts so far belong to the code that served them
                report = adopt(self.root, self.generation, found.number)
                self.generation = int(report["generation"])
                self.store.register_worker({"ppid": os.getppid(), "server": _server(),
                                            "argv": sys.argv[:3], "swap": report,
                                            "needs_reload": report["needs_reload"]},
                                           self.generation)
            finally:
                self._stamp = stamp

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as exc:  # never into the application
            if not self._warned:
                self._warned = True
                print(f"homeostasis.monitor: {type(exc).__name__}: {exc} (the service is "
                      "not affected; runtime failures may not be recorded)", file=sys.stderr)


_monitors: dict[Path, Monitor] = {}
_monitors_lock = threading.Lock()


def monitor_for(project: str | os.PathLike[str] | None = None) -> Monitor:
    """The process's monitor of the project at ``project`` (default: the working folder)."""
    root = Path(project if project is not None else os.getcwd()).resolve()
    with _monitors_lock:
        if root not in _monitors:
            _monitors[root] = Monitor(root)
        return _monitors[root]


class CaptureHandler(logging.Handler):
    """A logging handler that records every logged exception (``logger.exception(...)``,
    ``exc_info=True``), as frameworks log the errors they turn into a 500; with
    ``requests_only``, only those logged while a request of a middleware of the same project
    is served (what the middleware installs, so several services in one process each keep
    their own). At level ERROR it does not count as a handler for Flask, which still adds
    its own."""

    def __init__(self, project: str | os.PathLike[str] | None = None,
                 level: int = logging.ERROR, requests_only: bool = False) -> None:
        super().__init__(level)
        self.monitor = monitor_for(project)
        self.requests_only = requests_only

    def emit(self, record: logging.LogRecord) -> None:
        if not record.exc_info or record.exc_info[1] is None:
            return
        serving = current_request.get()
        if self.requests_only and (
                serving is None or getattr(serving[2], "monitor", None) is not self.monitor):
            return
        self.monitor.failed(record.exc_info[1])


def install_handler(project: str | os.PathLike[str] | None = None,
                    requests_only: bool = False) -> CaptureHandler:
    """A :class:`CaptureHandler` on the root logger, added once per project (one asked for
    without ``requests_only`` makes the project's handler record everything)."""
    root_logger = logging.getLogger()
    monitor = monitor_for(project)
    for handler in root_logger.handlers:
        if isinstance(handler, CaptureHandler) and handler.monitor is monitor:
            handler.requests_only = handler.requests_only and requests_only
            return handler
    handler = CaptureHandler(project, requests_only=requests_only)
    root_logger.addHandler(handler)
    return handler


def install_excepthook(project: str | os.PathLike[str] | None = None) -> None:
    """Record what ends a script or a thread, then let the previous hooks report it."""
    monitor = monitor_for(project)
    previous, previous_thread = sys.excepthook, threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        monitor.failed(exc)
        monitor.safe_flush()
        previous(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            monitor.failed(args.exc_value)
        previous_thread(args)

    sys.excepthook, threading.excepthook = hook, thread_hook
