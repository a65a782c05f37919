"""End to end: ``homeostasis`` (run by this interpreter, as if installed in a venv of its own by
pipx or ``uv tool``) on projects set up the way users set them up — their own ``.venv`` with a
dependency only it has, a src layout installed editable into it, a dependency missing, a flaky
test next to a real bug."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import (
    TRACEBACK,
    make_venv,
    only_run,
    read_json,
    run_cli,
    tree_hashes,
    write_files,
)

pytestmark = pytest.mark.e2e

#: A dependency the project's tests import, installed in the project's .venv only.
FANCYDEP = {"fancydep/__init__.py": "def double(x):\n    return 2 * x\n"}
CART = ("import fancydep\n\n\n"
        "def total(prices):\n"
        "    out = 0\n"
        "    for p in prices[1:]:\n"
        "        out += fancydep.double(p)\n"
        "    return out\n")
CART_BUG = "prices[1:]"
CART_TESTS = ("from shop.cart import total\n\n\n"
              "def test_total():\n    assert total([1, 2, 3]) == 12\n\n\n"
              "def test_empty():\n    assert total([]) == 0\n")


def _fix(project: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return run_cli("fix", project, "--jobs", "2", "--candidates", "40", *args, env=env)


def _tests_pass(project: Path, *ids: str) -> bool:
    """Whether the project's tests (``ids``, or all) pass when its own interpreter runs them."""
    return subprocess.run([str(project / ".venv/bin/python"), "-m", "pytest", "-q", "-p",
                           "no:cacheprovider", *ids], cwd=project, capture_output=True,
                          check=False).returncode == 0


def _venv_project(root: Path, modules: dict[str, str]) -> Path:
    write_files(root, {"pytest.ini": "[pytest]\npythonpath = .\n", "shop/__init__.py": "",
                       "shop/cart.py": CART, "tests/test_cart.py": CART_TESTS})
    make_venv(root / ".venv", modules)
    return root


def test_a_dependency_only_the_projects_venv_has_is_found_and_the_bug_fixed(
        tmp_path: Path) -> None:
    project = _venv_project(tmp_path / "shop", FANCYDEP)

    done = _fix(project, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "at .venv/bin/python (the project's .venv)" in done.stdout
    assert CART_BUG not in (project / "shop/cart.py").read_text()
    assert _tests_pass(project)


def test_a_missing_dependency_stops_in_one_line_naming_it_with_nothing_tried(
        tmp_path: Path) -> None:
    project = _venv_project(tmp_path / "shop", {})
    before = tree_hashes(project)

    done = _fix(project, "--yes")

    assert done.returncode == 3, done.stdout + done.stderr
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1 and "'fancydep'" in errors[0], done.stderr
    assert TRACEBACK not in done.stdout + done.stderr
    assert not (only_run(project) / "candidates.jsonl").exists()
    assert tree_hashes(project) == before


def test_a_src_layout_installed_editable_is_tested_in_the_workspace_not_the_live_tree(
        tmp_path: Path) -> None:
    project = tmp_path / "shop"
    write_files(project, {"src/shop/__init__.py": "", "src/shop/cart.py": CART,
                          "tests/test_cart.py": CART_TESTS,
                          "pyproject.toml": "[project]\nname = 'shop'\nversion = '0.1'\n"})
    # what `pip install -e .` leaves in the venv: a .pth naming the live src folder
    make_venv(project / ".venv", {**FANCYDEP, "__editable__.shop-0.1.pth": f"{project}/src\n"})

    done = _fix(project, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    assert CART_BUG not in (project / "src/shop/cart.py").read_text()
    assert _tests_pass(project)
    trials = [t for t in (only_run(project) / "trials.jsonl").read_text().splitlines() if t]
    assert trials  # candidates were tried, and one passed: the workspace's code was tested


FLAKY_TESTS = (
    "import os\nfrom shop.cart import total\n\n\n"
    "def test_total():\n    assert total([1, 2, 3]) == 12\n\n\n"
    "def test_warm_cache():\n"
    "    # fails on the first run in a fresh checkout: it expects a file an earlier run left\n"
    "    first = not os.path.exists('cache.marker')\n"
    "    open('cache.marker', 'w').close()\n"
    "    assert not first\n"
)


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_a_flaky_test_beside_a_real_bug_is_named_and_the_bug_fixed_every_time(
        tmp_path: Path, attempt: int) -> None:
    project = _venv_project(tmp_path / f"shop{attempt}", FANCYDEP)
    (project / "tests/test_cart.py").write_text(FLAKY_TESTS)

    done = _fix(project, "--yes")

    assert done.returncode == 0, done.stdout + done.stderr
    assert CART_BUG not in (project / "shop/cart.py").read_text()
    assert _tests_pass(project, "tests/test_cart.py::test_total")
    flaky = "tests/test_cart.py::test_warm_cache (flaky: passed 4 of 5 runs)"
    assert flaky in done.stdout
    run = only_run(project)
    assert read_json(run / "flaky.json") == [
        {"test_id": "tests/test_cart.py::test_warm_cache", "passed": 4, "runs": 5}]
    assert "test_warm_cache" in (run / "report.md").read_text()


def test_run_from_a_subfolder_the_project_root_is_found_as_pytest_finds_it(
        tmp_path: Path) -> None:
    project = _venv_project(tmp_path / "shop", FANCYDEP)
    before = (project / "shop/cart.py").read_text()

    done = run_cli("fix", "--dry-run", cwd=project / "tests")

    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Project root: {project.resolve()}" in done.stdout
    assert "Dry run" in done.stdout
    assert only_run(project).is_dir()  # the records are the project's, not the subfolder's
    assert (project / "shop/cart.py").read_text() == before


UNITTEST_TESTS = (
    "import unittest\n\nfrom shop.cart import total\n\n\n"
    "class TestTotal(unittest.TestCase):\n"
    "    def test_total(self):\n        self.assertEqual(total([1, 2, 3]), 12)\n\n"
    "    def test_empty(self):\n        self.assertEqual(total([]), 0)\n"
)


def test_a_unittest_project_is_repaired_through_pytest_with_per_test_results(
        tmp_path: Path) -> None:
    project = _venv_project(tmp_path / "shop", FANCYDEP)
    (project / "pytest.ini").unlink()
    (project / "tests/__init__.py").write_text("")
    (project / "tests/test_cart.py").write_text(UNITTEST_TESTS)

    done = _fix(project, "--yes", "--test", "python -m unittest")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "running the unittest tests through pytest" in done.stdout
    assert CART_BUG not in (project / "shop/cart.py").read_text()
    unittest_run = subprocess.run([str(project / ".venv/bin/python"), "-m", "unittest"],
                                  cwd=project, capture_output=True, check=False)
    assert unittest_run.returncode == 0


def test_a_unittest_project_without_pytest_says_why_nothing_was_tried(tmp_path: Path) -> None:
    project = _venv_project(tmp_path / "shop", FANCYDEP)
    (project / ".venv").rename(project / "old-venv")
    make_venv(project / ".venv", FANCYDEP, with_pytest=False)
    (project / "tests/__init__.py").write_text("")
    (project / "tests/test_cart.py").write_text(UNITTEST_TESTS)

    done = _fix(project, "--yes", "--test", "python -m unittest")

    assert "judged as a whole by its exit code" in done.stdout
    assert done.returncode == 1, done.stdout + done.stderr
    assert "No fix found: no line of the project's code is suspected" in done.stdout


def test_the_projects_environment_is_read_only_to_the_code_under_test(tmp_path: Path) -> None:
    from homeostasis.tools.sandbox.local.sandbox import LocalSandbox
    from homeostasis.tools.sandbox.snapshot import Snapshot

    project = _venv_project(tmp_path / "shop", FANCYDEP)
    python = project / ".venv/bin/python"
    sandbox = LocalSandbox(tmp_path / "sandbox")
    try:
        if not sandbox.isolation.readonly:
            pytest.skip(f"this kernel refuses mount namespaces: {sandbox.warnings}")
        snapshot = Snapshot.take(project, tmp_path / "snapshot")
        with sandbox.workspace(snapshot) as ws:
            res = ws.run([str(python), "-c",
                          "import sys; open(sys.prefix + '/planted', 'w').write('x')"],
                         timeout=30)
    finally:
        sandbox.close()
    assert res.returncode != 0 and "Read-only file system" in res.output
    assert not (project / ".venv/planted").exists()


@pytest.mark.docker
def test_in_docker_the_src_layout_of_an_editable_install_is_mapped_into_the_container(
        tmp_path: Path) -> None:
    from docker_support import docker_or_skip

    docker_or_skip().close()
    project = tmp_path / "shop"
    write_files(project, {"src/shop/__init__.py": "", "src/shop/cart.py": CART.replace(
        "import fancydep\n\n\n", "").replace("fancydep.double(p)", "2 * p"),
        "tests/test_cart.py": CART_TESTS,
        "pyproject.toml": "[project]\nname = 'shop'\nversion = '0.1'\n"})
    make_venv(project / ".venv", {"__editable__.shop-0.1.pth": f"{project}/src\n"})

    done = _fix(project, "--yes", "--sandbox", "docker")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "the sandbox image's Python" in done.stdout
    assert CART_BUG not in (project / "src/shop/cart.py").read_text()
    assert _tests_pass(project)
