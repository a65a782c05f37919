"""The environment the project's commands get in the local sandbox: the host's, without what
looks like a credential, with settings that keep runs reproducible and a home of their own."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

_SECRET_NAME = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)", re.IGNORECASE)


def scrubbed_environ(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The host environment without likely credentials, plus settings that keep runs
    reproducible. Bytecode may be written: workspaces are throw-away copies, and the first
    one's bytecode is reused by the next (:mod:`bytecode`)."""
    env = {k: v for k, v in os.environ.items() if not _SECRET_NAME.search(k)}
    env.update(PYTHONHASHSEED="0", PYTHONUNBUFFERED="1")
    for name in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def homed(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` with ``HOME`` and ``TMPDIR`` set to new folders ``home`` and ``tmp`` in
    ``folder``: the project's code gets neither the user's home nor the shared /tmp."""
    for name, sub in (("HOME", "home"), ("TMPDIR", "tmp")):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(folder / sub)
    return env
