"""The warm pytest server of :mod:`pytest_server`, reached over a Unix socket: the form the Docker
sandbox runs inside each container, so a candidate's tests fork from a process that has already
imported pytest instead of starting an interpreter.

This file runs as a standalone script beside ``pytest_server.py`` (whose set-up and child code
it reuses):

    python warm_socket.py SOCKET_PATH

Each connection (``SOCK_SEQPACKET``) carries one run: a JSON request as in ``pytest_server``
without ``out``, sent together with one file descriptor (``SCM_RIGHTS``) that becomes the run's
standard output and error. Replies: ``{"pid": N}`` when the child started (its own session and
group), then ``{"returncode": N}`` when it ended. The server exits when its socket file goes.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the same file as Homeostasis has it, for its types
    from homeostasis.tools.sandbox import pytest_server as base
else:  # beside this script in the container
    import pytest_server as base


def _send(conn: socket.socket, message: dict[str, object]) -> None:
    with contextlib.suppress(OSError):
        conn.send(json.dumps(message).encode())


def serve(path: str) -> None:
    base.set_dumpable(False)  # see pytest_server.set_dumpable
    base._warm_up()
    base._prepared_config(list(base._PROBE_FLAGS))
    gc.collect()
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    listener.bind(path)
    listener.listen(16)
    wakeup = os.pipe()
    for fd in wakeup:
        os.set_blocking(fd, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wakeup[1])
    children: dict[int, socket.socket] = {}
    while os.path.exists(path):
        try:
            ready, _, _ = select.select([listener.fileno(), wakeup[0]], [], [], 5.0)
        except InterruptedError:
            ready = []
        if wakeup[0] in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wakeup[0], 4096)
        if listener.fileno() in ready:
            conn, _ = listener.accept()
            try:
                data, fds, _, _ = socket.recv_fds(conn, 1 << 20, 1)
                request = json.loads(data)
            except (OSError, ValueError):
                conn.close()
                continue
            if not fds:
                conn.close()
                continue
            request["out"] = f"/proc/self/fd/{fds[0]}"
            config = base._prepared_config([str(a) for a in request["args"]])
            pid = os.fork()
            if pid == 0:
                listener.close()
                for other in children.values():
                    other.close()
                base._child(request, wakeup, config)
            os.close(fds[0])
            children[pid] = conn
            _send(conn, {"pid": pid})
        for pid, code in base.reaped() if children else ():
            if pid in children:
                conn = children.pop(pid)
                _send(conn, {"returncode": code})
                conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
