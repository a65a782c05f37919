"""A pytest plugin that records which test ran which line, for spectrum-based fault localization.

STANDALONE: this module imports only the standard library, pytest and (lazily) coverage, because
it is copied as ``homeostasis_covplugin.py`` (see ``homeostasis.tools.diagnose.sbfl``) onto the
``PYTHONPATH`` of the project's own interpreter and loaded there with ``-p homeostasis_covplugin``
or ``PYTEST_PLUGINS=homeostasis_covplugin``.

Environment variables it reads:

``HOMEOSTASIS_COV_DATA``
    The coverage data file to write. When unset the plugin does nothing.
``HOMEOSTASIS_COV_SOURCE``
    The directory whose code is measured (the project root); defaults to the current directory.

Coverage starts when the session starts; each test's setup, call and teardown run under a
dynamic context named by the test's node id (code run outside any test gets the empty context);
the data is saved when the session finishes. The project's own coverage configuration is
ignored. When coverage is not installed the plugin says so on stderr and measures nothing.
Not meant for ``pytest-xdist`` runs (workers would share one data file).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from typing import Any

import pytest

_state: dict[str, Any] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    data_file = os.environ.get("HOMEOSTASIS_COV_DATA")
    if not data_file or "cov" in _state:
        return
    try:
        import coverage
    except ImportError:
        print("homeostasis_covplugin: coverage is not installed", file=sys.stderr)
        return
    source = os.environ.get("HOMEOSTASIS_COV_SOURCE") or os.getcwd()
    cov = coverage.Coverage(data_file=data_file, source=[source], branch=False, config_file=False)
    cov.start()
    _state["cov"] = cov


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, None]:
    cov = _state.get("cov")
    if cov is not None:
        cov.switch_context(item.nodeid)
    try:
        yield
    finally:
        if cov is not None:
            cov.switch_context("")


def pytest_sessionfinish(session: pytest.Session) -> None:
    cov = _state.pop("cov", None)
    if cov is not None:
        cov.stop()
        cov.save()
