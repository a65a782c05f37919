"""One monitor per process and project: counts requests, records failures, and swaps in a
new code generation when a deploy announces one.

The happy path of a request is :meth:`Monitor.tick` (one ``stat``) and :meth:`Monitor.done`
(a count added in memory). A failure is captured in the request and handed to the process's
store writer (``writer.py``): no request ever waits for SQLite. Only exceptions are failures:
``KeyboardInterrupt``, ``SystemExit``, ``GeneratorExit`` and ``asyncio.CancelledError`` (a
client gone, a server shutting down) are not recorded. Anything that goes wrong inside the
monitor is swallowed and said once on stderr: it never raises into the application it
watches.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from pathlib import Path
from types import TracebackType
from typing import Any

from homeostasis.tools.observe.runtime.capture import (
    asgi_request,
    capture,
    fingerprint_of,
    project_path,
    wsgi_request,
)
from homeostasis.tools.observe.runtime.generation import MARKER, adopt, read_generation
from homeostasis.tools.observe.runtime.logs import forget, on_logged_exception
from homeostasis.tools.observe.runtime.store import EventStore
from homeostasis.tools.observe.runtime.writer import StoreWriter

#: Seconds the writer thread waits for another process's write lock before trying later.
BUSY_TIMEOUT = 0.05
#: Seconds a process waits at exit (or in its excepthook) for what is pending to be written.
EXIT_WAIT = 2.0
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
        self.store = StoreWriter(EventStore(root, busy_timeout=BUSY_TIMEOUT))
        self._marker = str(root / MARKER)
        self._lock = threading.Lock()
        self._adopting = threading.Lock()
        self._stamp = self._marker_stamp()
        found = read_generation(root)
        self.generation = found.number if found else 0
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
        self.store.count_traffic(1, int(status >= 500), self.generation)

    def crashed(self, exc: BaseException, request: Seen) -> None:
        """A request that ended in the unhandled exception ``exc``: recorded, counted as
        a 5xx (the server answers one, or drops the connection)."""
        self.failed(exc, request)
        self.done(500)

    def failed(self, exc: BaseException, request: Seen | None = None) -> None:
        """Record the unhandled exception ``exc`` (once per project, however many hooks see
        it; never one that is not an ``Exception``)."""
        if not isinstance(exc, Exception):
            return
        seen = getattr(exc, _SEEN, ())
        if self.root in seen:
            return

        def record() -> None:
            with contextlib.suppress(AttributeError, TypeError):  # a slotted exception
                setattr(exc, _SEEN, (*seen, self.root))
            known = fingerprint_of(exc, self.root)
            where = request or current_request.get()
            if self.store.knows(known):  # an error storm: a count, not another capture
                self.store.record(known, None, self._label(where))
                return
            summary = None if where is None else (
                wsgi_request(where[1]) if where[0] == "wsgi" else asgi_request(where[1]))
            fingerprint, event = capture(exc, self.root, summary)
            if where is not None:
                event["app"] = {"kind": where[0], "target": self._locate(where[2])}
            self.store.record(fingerprint, event, self._label(where))

        self._guarded(record)

    def safe_flush(self) -> None:
        """What is pending written, waiting at most :data:`EXIT_WAIT` seconds (at exit, in an
        excepthook); never raises."""
        self._guarded(lambda: self.flush(EXIT_WAIT))

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

    def flush(self, wait: float = 0.0) -> bool:
        """Have the failures and counts seen so far written: with ``wait`` 0 (in a request)
        the writer thread is only woken; else they are written within ``wait`` seconds if the
        store allows. Whether nothing is left pending."""
        return self.store.flush(wait)

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

    def _guarded(self, action: Callable[[], object]) -> None:
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
    """Records every exception logged at ERROR or above (``logger.exception(...)``,
    ``exc_info=True``), as frameworks log the errors they turn into a 500; with
    ``requests_only``, only those logged while a request of a middleware of the same project
    is served (what the middleware installs, so several services in one process each keep
    their own). :func:`install_handler` puts it on no logger (see ``logs.py``: the
    application's logging stays as it was); it also works as an ordinary handler."""

    def __init__(self, project: str | os.PathLike[str] | None = None,
                 level: int = logging.ERROR, requests_only: bool = False) -> None:
        super().__init__(level)
        self.monitor = monitor_for(project)
        self.requests_only = requests_only

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.capture(record.exc_info[1])

    def capture(self, exc: BaseException) -> None:
        """Record ``exc``, logged now (see the class)."""
        serving = current_request.get()
        if self.requests_only and (
                serving is None or getattr(serving[2], "monitor", None) is not self.monitor):
            return
        self.monitor.failed(exc)

    def close(self) -> None:
        """Stop recording logged exceptions."""
        forget(self.capture)
        with _handlers_lock:
            if _handlers.get(self.monitor.root) is self:
                del _handlers[self.monitor.root]
        super().close()


_handlers: dict[Path, CaptureHandler] = {}
_handlers_lock = threading.Lock()


def install_handler(project: str | os.PathLike[str] | None = None,
                    requests_only: bool = False) -> CaptureHandler:
    """The project's :class:`CaptureHandler`, fed every exception logged in the process, made
    once per project (one asked for without ``requests_only`` makes it record everything);
    ``close()`` stops it."""
    monitor = monitor_for(project)
    with _handlers_lock:
        handler = _handlers.get(monitor.root)
        if handler is None:
            handler = _handlers[monitor.root] = CaptureHandler(project,
                                                               requests_only=requests_only)
        else:
            handler.requests_only = handler.requests_only and requests_only
    on_logged_exception(handler.capture)
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
