"""``--json``: one machine-readable result on stdout, progress kept on stderr. Every result
is an object with ``format`` (the version of this layout: a reader checks it), ``version``
(Homeostasis') and ``command``."""

from __future__ import annotations

import json
import sys
from typing import Any

from homeostasis import __version__
from homeostasis.core.records import to_json

#: The version of the JSON layout; raised when a field changes meaning or goes away.
FORMAT = 1


def emit(command: str, payload: dict[str, Any]) -> None:
    """Print ``payload`` as the one JSON result of ``command`` on stdout."""
    result = {"format": FORMAT, "version": __version__, "command": command, **to_json(payload)}
    print(json.dumps(result, ensure_ascii=False, indent=2), file=sys.stdout, flush=True)
