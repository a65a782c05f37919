"""``homeostasis watch`` with its default policy (ask) on a real pseudo-terminal: the failure's
fix is offered in the same conversation ``fix`` has, and ``y`` there hot-swaps it — the fix
goes through the watch's deployer, not only into the working tree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import clean_env, write_files
from homeostasis.tools.observe.runtime.store import EventStore
from terminal import Terminal

pytestmark = [pytest.mark.e2e]

PRICING = ("COUPONS = {'A': 10}\n\n\n"
           "def price(cents, code):\n"
           "    \"\"\"An unknown code takes nothing off.\"\"\"\n"
           "    return cents - cents * COUPONS[code] // 100\n")


def test_y_at_the_watch_prompt_hot_swaps_the_fix(tmp_path: Path) -> None:
    root = write_files(tmp_path, {
        "pricing.py": PRICING,
        "tests/test_pricing.py": ("from pricing import price\n\n\n"
                                  "def test_a_known_code():\n"
                                  "    assert price(100, 'A') == 90\n"),
        "job.py": ("from homeostasis.monitor import install_excepthook\n"
                   "install_excepthook()\n"
                   "from pricing import price\n"
                   "price(100, 'NOPE')\n"),
        "pyproject.toml": "[tool.homeostasis]\nhealth_window = 0.5\n",
    })
    done = subprocess.run([sys.executable, "job.py"], cwd=root, env=clean_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert "KeyError" in done.stderr
    (failure,) = EventStore(root).failures()

    term = Terminal("watch", "--once", root, env={"NO_COLOR": "1"})
    try:
        term.read_until(r"KeyError")
        term.read_until(r"> $")
        term.type("y")
        term.read_until(r"hot-swapped as generation")
        term.read_until(r"> $")
        term.type("q")
        assert term.wait() == 0, term.output
    finally:
        term.close()
    assert "COUPONS.get(code" in (root / "pricing.py").read_text()
    (kept,) = EventStore(root).failures()
    assert kept.fingerprint == failure.fingerprint and kept.state != "new"
    run_dir = root / ".homeostasis" / "runs" / kept.note["run_id"]
    swapped = json.loads((run_dir / "hotswap.json").read_text())
    assert swapped["generation"] >= 1
