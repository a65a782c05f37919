"""Where things are in a sandbox container, who owns them, and what every command starts with.

The project lives on a size-limited tmpfs volume at ``/hs``: the scripts in ``bin`` (root's,
read-only to the project), the snapshot (root's too), the workspace ``ws`` (the sandbox user's)
and ``run`` (the warm server's socket, long runner specs).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

#: The virtual environment the sandbox image has pytest in.
VENV = "/opt/homeostasis"
PYTHON = f"{VENV}/bin/python"
HOME = PurePosixPath("/hs")
BIN = HOME / "bin"
RUNNER = BIN / "container_run.py"
WARM_SERVER = BIN / "warm_socket.py"
RUN_DIR = HOME / "run"
WARM_SOCKET = RUN_DIR / "warm.sock"
SPEC = RUN_DIR / "spec.json"
SNAPSHOT = HOME / "snapshot"
WORKSPACE = HOME / "ws"
#: The home of the sandbox user: a folder of each workspace's scratch.
SANDBOX_HOME = str(WORKSPACE / "scratch" / "home")
#: ``uid:gid`` of the sandbox user, who runs the project's commands, and of root.
USER = "1000:1000"
ROOT = "0:0"
#: Every command's environment before the variables the user named and the command's own.
BASE_ENV = {
    "PATH": f"{PurePosixPath(PYTHON).parent}:/usr/local/bin:/usr/bin:/bin",
    "HOME": SANDBOX_HOME,
    "TMPDIR": str(WORKSPACE / "scratch" / "tmp"),
    "LANG": "C.UTF-8", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
}

_HERE = Path(__file__).parent
#: The scripts copied into ``BIN`` of every container, found here on the host (all
#: standalone: standard library and pytest only). ``processes.py`` and ``pytest_server.py``
#: serve the local sandbox too and stay beside it.
SCRIPTS = (_HERE / "container_run.py", _HERE / "warm_socket.py",
           _HERE.parent / "processes.py", _HERE.parent / "pytest_server.py")
