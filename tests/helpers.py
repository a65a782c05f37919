"""Shared helpers for the tests: write a small project or copy an example, hash a tree, run
the real CLI, read a run's records, write scripted model replies. (Fixtures are in conftest.py.)"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: Every record a completed, applied run leaves in its run directory.
RUN_RECORDS = (
    "run.json", "failure.json", "suspects.json", "context.json", "candidates.jsonl",
    "trials.jsonl", "ranking.json", "winner.diff", "report.md", "outcome.json",
)

#: Folders that are never the user's files: Homeostasis's own records and bytecode caches.
_NOT_USER_FILES = {".homeostasis", "__pycache__", ".pytest_cache"}

INVOICING_BUG = "        if quantity > tier.min_quantity:\n"
INVOICING_FIX = "        if quantity >= tier.min_quantity:\n"

#: The tiny project behind the ``snapshot`` fixture: ``add`` subtracts, so
#: ``tests/test_ops.py::test_add`` fails and ``test_sub`` passes; ``names.py`` is Latin-1.
CALC_OPS = "def add(a, b):\n    return a - b\n"
CALC_PROJECT: dict[str, str | bytes] = {
    "calc/__init__.py": "",
    "calc/ops.py": CALC_OPS,
    "names.py": "# -*- coding: latin-1 -*-\nN = 'é'\n".encode("latin-1"),
    "tests/test_ops.py": ("from calc.ops import add\n\n"
                          "def test_add():\n    assert add(2, 3) == 5\n\n"
                          "def test_sub():\n    assert add(2, 0) == 2\n"),
}


#: The project of issue 17 (write with ``dedent=True``): line 7 iterates ``values`` where it
#: means ``counts``; two of its three parametrized tests fail on an assertion in the test.
COUNTSORT: dict[str, str | bytes] = {
    "countsort.py": """\
        def count_sort(values, k):
            counts = [0] * k
            for v in values:
                counts[v] += 1
            out = []
            for i, c in enumerate(values):
                out.extend([i] * c)
            return out
        """,
    "pytest.ini": "[pytest]\npythonpath = .\ntestpaths = tests\n",
    "tests/test_countsort.py": """\
        import pytest

        from countsort import count_sort


        @pytest.mark.parametrize("values, k, expected", [
            ([], 3, []),
            ([2, 0, 1, 1], 3, [0, 1, 1, 2]),
            ([4, 4, 1], 5, [1, 4, 4]),
        ])
        def test_count_sort(values, k, expected):
            assert count_sort(values, k) == expected
        """,
}


#: A shop whose command line is tested through a subprocess (write with ``dedent=True``):
#: ``in_stock`` compares with ``>`` where it means ``>=``, so ordering the whole shelf is
#: refused. The failing test runs the code in a child process, so neither its traceback nor
#: per-test coverage reaches the faulty line: without a hint nothing is suspected.
SHOP_BUG_LINE = 8
SHOP_BUG = "    return STOCK.get(item, 0) > quantity\n"
SHOP_FIX = "    return STOCK.get(item, 0) >= quantity\n"
SHOP: dict[str, str | bytes] = {
    "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\n',
    "shop/__init__.py": "",
    "shop/stock.py": f"""\
        \"\"\"What the shop has on its shelves.\"\"\"

        STOCK = {{"apple": 5, "pear": 2, "plum": 0}}


        def in_stock(item, quantity):
            \"\"\"Whether ``quantity`` of ``item`` can be sold from the shelves.\"\"\"
        {SHOP_BUG}""",
    "shop/orders.py": """\
        \"\"\"Orders: the lines of an order, or None when it cannot be served.\"\"\"

        from shop.stock import in_stock


        def place(item, quantity):
            \"\"\"The lines of an order; None when the shelves lack it.\"\"\"
            if quantity <= 0:
                raise ValueError("quantity must be positive")
            if not in_stock(item, quantity):
                return None
            return [(item, quantity)]
        """,
    "shop/__main__.py": """\
        import sys

        from shop.orders import place

        print("refused" if place(sys.argv[1], int(sys.argv[2])) is None else "served")
        """,
    "tests/test_orders.py": """\
        import subprocess
        import sys

        import pytest

        from shop.orders import place


        def order(item, quantity):
            \"\"\"What the command line says of an order.\"\"\"
            done = subprocess.run([sys.executable, "-m", "shop", item, str(quantity)],
                                  capture_output=True, text=True, check=True)
            return done.stdout.strip()


        def test_a_small_order_is_served():
            assert place("apple", 1) == [("apple", 1)]


        def test_more_than_the_shelves_hold_is_refused():
            assert order("apple", 9) == "refused"


        def test_a_quantity_must_be_positive():
            with pytest.raises(ValueError):
                place("apple", 0)


        def test_the_whole_shelf_can_be_sold():
            assert order("apple", 5) == "served"
        """,
    "tests/test_stock.py": """\
        from shop.stock import in_stock


        def test_an_item_on_the_shelf():
            assert in_stock("apple", 2)


        def test_an_unknown_item():
            assert not in_stock("kiwi", 1)


        def test_too_many():
            assert not in_stock("pear", 3)
        """,
}


def copy_example(name: str, dest: Path) -> Path:
    """A private copy of ``examples/<name>`` at ``dest/<name>``, without caches."""
    target = dest / name
    shutil.copytree(EXAMPLES / name, target,
                    ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".homeostasis"))
    return target


def write_files(root: Path, files: Mapping[str, str | bytes], dedent: bool = False) -> Path:
    """``files`` written under ``root`` (folders made as needed): each relative path maps to
    text, written as UTF-8 (first dedented if ``dedent``), or to bytes, written as they are."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, encoding="utf-8")
    return root


def write_project(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """A small project at ``root``: ``files`` maps relative paths to text (UTF-8) or bytes.
    A pyproject.toml that lets pytest import the project from its root is added if missing."""
    return write_files(root, {"pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\n',
                              **files})


#: Who the user is in their own commits (a fix's commit must never be theirs).
ALICE = ("-c", "user.name=Alice", "-c", "user.email=alice@example.com")


def git(cwd: Path, *args: str) -> str:
    """git's standard output for ``args`` run in ``cwd``, stripped; raises when git fails."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def bare_origin(tmp_path: Path) -> Path:
    """An empty bare repository whose default branch is ``main``: a remote for the tests."""
    path = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(path))
    return path


def pushed_checkout(tmp_path: Path, origin: Path, files: Mapping[str, str | bytes],
                    name: str = "checkout") -> Path:
    """A clone of ``origin`` whose ``main`` holds ``files`` in one commit of Alice's, pushed."""
    path = tmp_path / name
    git(tmp_path, "init", "-q", "-b", "main", str(path))
    git(path, "remote", "add", "origin", str(origin))
    write_files(path, files)
    git(path, "add", "-A")
    git(path, *ALICE, "commit", "-q", "-m", "the project")
    git(path, "push", "-q", "origin", "main")
    return path


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every user file under ``root`` (relative POSIX path → hex digest), leaving
    out Homeostasis's records and bytecode caches."""
    hashes = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _NOT_USER_FILES)
        for name in sorted(filenames):
            path = Path(dirpath) / name
            hashes[path.relative_to(root).as_posix()] = hashlib.sha256(
                path.read_bytes()).hexdigest()
    return hashes


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This environment without settings that would leak into the runs under test (the outer
    pytest's own variables, HOMEOSTASIS_* settings)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST", "HOMEOSTASIS_", "COV_CORE", "COVERAGE"))}
    env.pop("VIRTUAL_ENV", None)  # the project's environment is found, not inherited
    env["NO_COLOR"] = "1"
    env.update(extra or {})
    return env


#: What pytest needs to import, taken from this interpreter's site-packages.
PYTEST_PARTS = ("_pytest", "pytest", "pluggy", "iniconfig", "packaging", "pygments", "py.py")


def make_venv(folder: Path, modules: Mapping[str, str] | None = None,
              with_pytest: bool = True, base: str = sys.executable) -> Path:
    """A virtual environment of the interpreter ``base`` at ``folder`` made by ``venv`` (no
    pip: offline and fast), with pytest when ``with_pytest`` (linked from this interpreter's
    site-packages through a ``.pth`` file naming a "shelf" of links, as an installed copy
    would be found) and ``modules`` (file name → source) installed in its site-packages; its
    python's path. It has no coverage."""
    subprocess.run([base, "-m", "venv", "--without-pip", str(folder)], check=True,
                   capture_output=True, timeout=120)
    python = folder / "bin" / "python"
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    if with_pytest:
        shelf = folder / "pytest-shelf"
        shelf.mkdir()
        ours = Path(pytest_module_file()).parents[1]
        found = {ours / part for part in PYTEST_PARTS} | {  # with the metadata pytest reads
            d for part in PYTEST_PARTS
            for d in ours.glob(f"{part.removesuffix('.py').lstrip('_')}-*.dist-info")}
        for entry in found:
            if entry.exists():
                (shelf / entry.name).symlink_to(entry)
        (site / "pytest-shelf.pth").write_text(f"{shelf}\n", encoding="utf-8")
    for name, source in (modules or {}).items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(source, encoding="utf-8")
    return python


def pytest_module_file() -> str:
    import pytest

    return str(pytest.__file__)


def cli_argv(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "homeostasis.cli", *map(str, args)]


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``homeostasis ARGS`` as a subprocess with no terminal (stdin is /dev/null)."""
    return subprocess.run(
        cli_argv(*args), cwd=cwd, env=clean_env(env), stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def run_project_tests(root: Path) -> subprocess.CompletedProcess[str]:
    """The project's own test suite, run in place."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root, env=clean_env({"PYTHONDONTWRITEBYTECODE": "1"}), stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=120, check=False,
    )


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (killed, but not yet reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def processes_inside(directory: Path) -> list[int]:
    """The processes whose working folder is ``directory`` or inside it, even once it has been
    removed (``/proc`` then adds " (deleted)" to the path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd").removesuffix(" (deleted)")
        except OSError:
            continue
        if cwd == str(directory) or cwd.startswith(f"{directory}/"):
            found.append(int(entry.name))
    return found


def run_dirs(root: Path) -> list[Path]:
    runs = root / ".homeostasis" / "runs"
    return sorted(p for p in runs.iterdir() if p.is_dir()) if runs.is_dir() else []


def only_run(root: Path) -> Path:
    """The one run directory a single ``fix`` left in ``root``."""
    dirs = run_dirs(root)
    assert len(dirs) == 1, dirs
    return dirs[0]


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_jsonl(path: Path) -> list[Any]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def trials_by_id(run_dir: Path) -> dict[str, dict[str, Any]]:
    return {t["candidate_id"]: t for t in read_jsonl(run_dir / "trials.jsonl")}


def edit_reply(path: str, search: str, replace: str, prose: str = "") -> str:
    """A model reply holding one SEARCH/REPLACE block."""
    head = f"{prose}\n\n" if prose else ""
    return (f"{head}{path}\n<<<<<<< SEARCH\n{search.rstrip(chr(10))}\n=======\n"
            f"{replace.rstrip(chr(10))}\n>>>>>>> REPLACE\n")


def mock_model(tmp: Path, replies: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The ``fix`` arguments and environment that make the scripted model play ``replies``,
    all in one request (one sample per reply, one round, the model asked first), with the
    file kept outside the project."""
    path = tmp / "replies.json"
    path.write_text(json.dumps(list(replies)), encoding="utf-8")
    n = str(len(replies))
    return (["--model", f"mock:{path}", "--candidates", n, "--no-cascade", "--rounds", "1"],
            {"HOMEOSTASIS_SAMPLES": n})


#: What Python prints before a traceback (Homeostasis itself may say "Tracebacks do not …").
TRACEBACK = "Traceback (most recent call last)"


def assert_clean_error(done: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    """A user error: exit ``code``, one ``homeostasis: error:`` line on stderr naming
    ``words``, no traceback."""
    assert done.returncode == code, (done.stdout, done.stderr)
    assert TRACEBACK not in done.stderr + done.stdout
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("homeostasis: error: "), done.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


#: The correct fixes of the shipping example's bug (``self.stops[len(self.stops)]``).
SHIPPING_FIXES = ("self.stops[len(self.stops) - 1]", "self.stops[-1]")


def has_shipping_fix(text: str, prefix: str = "") -> bool:
    """Whether ``text`` holds one of the correct fixes, after ``prefix`` (e.g. "+  return ")."""
    return any(prefix + fix in text for fix in SHIPPING_FIXES)
