"""Exceptions logged by the application, seen without touching its logging configuration.

A handler on the root logger would change what the application's logging does: once the root
logger has a handler, ``logging.lastResort`` no longer prints the errors of an application
that configured nothing, and Flask, seeing a handler at its level, adds none of its own (the
traceback of a 500 is then printed nowhere). So the monitor adds no handler: it wraps the log
record factory (``logging.setLogRecordFactory``), which every record a logger makes goes
through, whatever its handlers, levels and ``propagate``. A record at ERROR or above that
carries an exception (``logger.exception(...)``, ``exc_info=True``) is shown to each hook.

A factory set later by someone else that does not call the one before it (ours) stops the
hooks; the record itself is never changed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

Hook = Callable[[Exception], None]

_hooks: list[Hook] = []
_lock = threading.Lock()
_wrapped = False


def _wrap(previous: Callable[..., logging.LogRecord]) -> Callable[..., logging.LogRecord]:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        exc_info = record.exc_info
        if exc_info and _hooks and record.levelno >= logging.ERROR:
            exc = exc_info[1]
            if isinstance(exc, Exception):  # not KeyboardInterrupt, CancelledError, …
                for hook in list(_hooks):
                    with contextlib.suppress(Exception):  # never into the logging call
                        hook(exc)
        return record

    return factory


def on_logged_exception(hook: Hook) -> None:
    """Call ``hook`` with every exception logged at ERROR or above in this process."""
    global _wrapped
    with _lock:
        if not _wrapped:
            logging.setLogRecordFactory(_wrap(logging.getLogRecordFactory()))
            _wrapped = True
        if hook not in _hooks:
            _hooks.append(hook)


def forget(hook: Hook) -> None:
    """Stop calling ``hook``."""
    with _lock:
        if hook in _hooks:
            _hooks.remove(hook)
