"""End to end: ``homeostasis fix --yes`` repairs a module whose bytes are not plain UTF-8 — one
that starts with a byte order mark, one with a Latin-1 byte in a comment — and leaves every
byte it did not edit as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import only_run, read_json, run_cli, run_project_tests, write_project

pytestmark = pytest.mark.e2e

BUGGY = "def is_free(total):\n    return total < 0\n"
FIXED = BUGGY.replace("total < 0", "total <= 0")
TESTS = ("from shop.cart import is_free\n\n\n"
         "def test_nothing_to_pay_is_free():\n    assert is_free(0)\n\n\n"
         "def test_a_cent_is_not():\n    assert not is_free(0.01)\n\n\n"
         "def test_a_refund_is_free():\n    assert is_free(-1)\n")


@pytest.mark.parametrize(("head", "tail"), [
    (b"\xef\xbb\xbf", b""),
    (b"", b"# caf\xe9: a Latin-1 byte, not UTF-8\n"),
    (b"# caf\xe9 on the first line\n", b""),
], ids=["bom", "latin-1-byte-in-a-comment", "latin-1-byte-on-the-first-line"])
def test_a_module_that_is_not_plain_utf8_is_fixed_byte_for_byte(
    tmp_path: Path, head: bytes, tail: bytes
) -> None:
    project = write_project(tmp_path / "shop", {
        "shop/__init__.py": "",
        "shop/cart.py": head + BUGGY.encode() + tail,
        "tests/test_cart.py": TESTS,
    })
    assert run_project_tests(project).returncode == 1  # the file imports; the bug is there

    done = run_cli("fix", project, "--yes", "--candidates", "5", "--jobs", "2")

    assert done.returncode == 0, done.stdout + done.stderr
    assert (project / "shop/cart.py").read_bytes() == head + FIXED.encode() + tail
    assert run_project_tests(project).returncode == 0
    assert read_json(only_run(project) / "outcome.json")["status"] == "applied"
