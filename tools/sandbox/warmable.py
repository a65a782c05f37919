"""Which commands a warm pytest server may run: one that has already imported pytest and forks
a child per run (``pytest_server.py``, reached by the local sandbox over pipes and, in a Docker
container, by ``warm_socket.py`` over a socket). A command it cannot run exactly as a fresh
process would runs as a fresh process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

#: Variables read while the interpreter or pytest starts: the server started long before.
#: (``PYTHONPATH`` is not one of them: the server's child puts it on ``sys.path`` itself.)
_STARTUP_ENV = ("PYTEST_PLUGINS", "PYTEST_ADDOPTS", "PYTEST_DEBUG", "PYTHONSTARTUP")


def accepts(argv: Sequence[str], env: Mapping[str, str] | None) -> bool:
    """Whether a warm server started with ``argv[0]`` can run ``argv`` exactly as a fresh
    process would: an interpreter given by its path running ``-m pytest``, with no variable
    of its own that pytest or the interpreter reads at start-up."""
    return (len(argv) >= 3 and os.path.isabs(argv[0]) and tuple(argv[1:3]) == ("-m", "pytest")
            and not (env and any(k in env for k in _STARTUP_ENV)))
