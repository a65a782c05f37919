"""Which commands a warm pytest server may run: one that has already imported pytest and forks
a child per run (``pytest_server.py``, reached by the local sandbox over pipes and, in a Docker
container, by ``warm_socket.py`` over a socket). A command it cannot run exactly as a fresh
process would runs as a fresh process.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

#: Variables read while the interpreter or pytest starts: the server started long before.
_STARTUP_ENV = ("PYTHONPATH", "PYTEST_PLUGINS", "PYTEST_ADDOPTS", "PYTEST_DEBUG",
                "PYTHONSTARTUP")


def accepts(argv: Sequence[str], env: Mapping[str, str] | None) -> bool:
    """Whether the warm server can run ``argv`` exactly as a fresh process would: this
    interpreter's ``python -m pytest``, with no variable of its own that pytest or the
    interpreter reads at start-up."""
    return tuple(argv[:3]) == (sys.executable, "-m", "pytest") and not (
        env and any(k in env for k in _STARTUP_ENV))
