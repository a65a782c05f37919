"""Docker for the tests: the engine and the sandbox image, or a skip — except under ``CI=true``,
where a missing engine or image fails the test (``.ci/run`` starts the engine and builds the
image, so the Docker tests really run there)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from homeostasis.core.errors import SandboxError


def docker_or_skip() -> Any:
    """A client of a running engine that has the sandbox image (the caller closes it)."""
    from homeostasis.tools.sandbox.docker.engine import connect
    from homeostasis.tools.sandbox.docker.image import default_tag, image_exists

    try:
        client = connect()
    except SandboxError as exc:
        reason = f"no Docker engine: {exc}"
    else:
        if image_exists(client, default_tag()):
            return client
        client.close()
        reason = f"the sandbox image {default_tag()} is not built (homeostasis sandbox build)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; under CI=true the Docker tests must run")
    pytest.skip(reason)
