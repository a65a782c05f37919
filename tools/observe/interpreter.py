"""Which Python runs the project's tests: the project's own, found the way its tools find it.

In order: ``--python`` or ``python`` in ``[tool.homeostasis]``; an active ``$VIRTUAL_ENV``; a
``.venv`` or ``venv`` folder in the project root (where uv, ``python -m venv`` and Poetry's
in-project setting put it); the environment Poetry or Hatch keep elsewhere, asked of the tool
when it is installed and the project declares it; an existing tox or nox environment; and
only then Homeostasis' own interpreter, said as such. The interpreter is run once to learn its
version and whether it has pytest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from homeostasis.core.errors import UsageError

#: Seconds a project tool (``poetry env info``) may take to name its environment.
TOOL_TIMEOUT = 20.0
#: Run by the interpreter: its version, whether it has pytest, its prefix, its import path
#: and the absolute paths named by editable-install finders in its site-packages (setuptools'
#: ``__editable___*_finder.py``, the ``editables`` library's ``_editable_impl_*.py``).
_PROBE = r"""
import glob, importlib.util, json, os, re, site, sys
named = []
for folder in [*site.getsitepackages(), site.getusersitepackages()]:
    for name in ("__editable___*_finder.py", "_editable_impl_*.py"):
        for finder in glob.glob(os.path.join(folder, name)):
            with open(finder, encoding="utf-8", errors="replace") as fh:
                named += re.findall(r"['\"](/[^'\"]+)['\"]", fh.read())
print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "prefix": sys.prefix,
                  "pytest": importlib.util.find_spec("pytest") is not None,
                  "path": sys.path, "named": named}))
"""


@dataclass(frozen=True)
class Interpreter:
    """A Python that can run the project's tests; ``found_by`` says why it was chosen."""

    path: Path
    found_by: str
    version: str = ""
    has_pytest: bool = False
    source_dirs: tuple[str, ...] = ()
    """Folders of the project (relative to its root) this interpreter imports the project's
    code from through an editable install: put first on a workspace's import path, they make
    the tests import the workspace's copy, never the user's live tree."""

    def describe(self, root: Path) -> str:
        """One line for the start of a run: which Python, and why that one."""
        try:
            shown = str(self.path.relative_to(root))
        except ValueError:
            shown = str(self.path)
        version = f"Python {self.version} " if self.version else ""
        return f"Testing with {version}at {shown} ({self.found_by})"


def find_interpreter(
    root: Path, environ: Mapping[str, str], configured: str | None = None
) -> Interpreter:
    """The interpreter for the project at ``root``; a :class:`UsageError` when the one
    configured is not there."""
    if configured:
        path = _configured_path(root, configured)
        return _probed(Interpreter(path, "--python or `python` in [tool.homeostasis]"), root)
    for found in _candidates(root, environ):
        if _runnable(found.path):
            return _probed(found, root)
    return _probed(Interpreter(Path(sys.executable),
                               "no project environment found: Homeostasis' own interpreter"),
                   root)


def sandbox_interpreter(root: Path) -> Interpreter:
    """The interpreter for a sandbox with a Python of its own (Docker's image): nothing of the
    project's is run on the host to find it (a repository's ``.venv/bin/python`` could be any
    program), and its source folders come from the project's layout (:func:`layout_dirs`)."""
    return Interpreter(Path(sys.executable), "the sandbox image's Python", has_pytest=True,
                       source_dirs=layout_dirs(root))


def layout_dirs(root: Path) -> tuple[str, ...]:
    """The folders a project's own code is imported from, read from its files alone: ``src``
    when it holds a package or module (the "src layout"), and the folder
    ``[tool.setuptools] package-dir`` maps the root package to."""
    found: dict[str, None] = {}
    mapped = _setuptools_root_dir(root)
    if mapped and (root / mapped).is_dir():
        found[mapped] = None
    src = root / "src"
    if src.is_dir() and any(c.suffix == ".py" or (c / "__init__.py").is_file()
                            for c in src.iterdir()):
        found["src"] = None
    return tuple(found)


def _setuptools_root_dir(root: Path) -> str | None:
    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    mapping = data.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    folder = mapping.get("") if isinstance(mapping, dict) else None
    if not isinstance(folder, str) or not folder.strip("./"):
        return None
    rel = Path(folder)
    return None if rel.is_absolute() or ".." in rel.parts else rel.as_posix()


def _configured_path(root: Path, configured: str) -> Path:
    path = Path(configured).expanduser()
    options = [path] if path.is_absolute() else [root / path, Path.cwd() / path]
    if not path.is_absolute() and os.sep not in configured:
        which = shutil.which(configured)
        options.extend([Path(which)] if which else [])
    for option in options:
        if option.is_dir():
            option = _venv_python(option)
        if _runnable(option):
            return option.absolute()
    raise UsageError(f"python {configured!r} is not an interpreter that can be run",
                     "give the path of the project's python, or of its virtual environment")


def _candidates(root: Path, environ: Mapping[str, str]) -> Iterator[Interpreter]:
    active = environ.get("VIRTUAL_ENV")
    if active:
        yield Interpreter(_venv_python(Path(active)), "the active virtual environment")
    uv_env = environ.get("UV_PROJECT_ENVIRONMENT")
    if uv_env and (root / "uv.lock").is_file():
        yield Interpreter(_venv_python(root / uv_env), "uv's UV_PROJECT_ENVIRONMENT")
    for name in (".venv", "venv"):
        yield Interpreter(_venv_python(root / name), f"the project's {name}")
    declared = _declared_tools(root)
    for tool, ask in _TOOL_QUERIES.items():
        if tool in declared and shutil.which(tool):
            where = _ask(ask(root), root)
            if where:
                yield Interpreter(_venv_python(Path(where)), f"{tool}'s environment")
    for tool in ("tox", "nox"):
        if tool in declared:
            for env in sorted((root / f".{tool}").glob("*/"), key=_py_first):
                yield Interpreter(_venv_python(env), f"{tool}'s {env.name} environment")


_TOOL_QUERIES: dict[str, Callable[[Path], list[str]]] = {
    "poetry": lambda root: ["poetry", "env", "info", "--path"],
    "hatch": lambda root: ["hatch", "env", "find", "default"],
}


def _declared_tools(root: Path) -> set[str]:
    """The environment tools the project declares: a ``[tool.X]`` table or X's own file."""
    found = {t for t, f in (("poetry", "poetry.lock"), ("hatch", "hatch.toml"),
                            ("tox", "tox.ini"), ("nox", "noxfile.py")) if (root / f).is_file()}
    try:
        tools = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return found
    table = tools.get("tool")
    if isinstance(table, dict):
        found |= {t for t in ("poetry", "hatch", "tox") if t in table}
    return found


def _ask(argv: list[str], root: Path) -> str | None:
    """The last line a project tool prints, or None when it fails or takes too long."""
    try:
        done = subprocess.run(argv, cwd=root, capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = done.stdout.strip().splitlines()
    return lines[-1].strip() if done.returncode == 0 and lines else None


def _py_first(env: Path) -> tuple[bool, str]:
    return (not env.name.startswith("py"), env.name)


def _venv_python(env: Path) -> Path:
    return env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _probed(found: Interpreter, root: Path) -> Interpreter:
    """``found`` with what it says of itself; a :class:`UsageError` when it does not run."""
    try:
        done = subprocess.run([str(found.path), "-c", _PROBE], capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"{found.path} ({found.found_by}) cannot be run: {exc}") from None
    try:
        facts = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        why = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise UsageError(f"{found.path} ({found.found_by}) does not run: {why}",
                         "repair or recreate that environment, or pass --python") from None
    dirs = editable_dirs(root, Path(facts["prefix"]), facts["path"], facts["named"])
    return Interpreter(found.path, found.found_by, facts["version"], facts["pytest"], dirs)


def editable_dirs(root: Path, prefix: Path, path: list[str], named: list[str]) -> tuple[str, ...]:
    """The folders of the project at ``root`` that an interpreter (its ``sys.prefix``, its
    ``sys.path``, the paths its editable finders name) imports project code from: import-path
    entries inside the project, and the folder holding each package or module a finder maps
    into it; never the root itself (a workspace's own folder is on the path anyway) or a
    folder of the environment."""
    root, prefix = root.resolve(), prefix.resolve()
    found: dict[str, None] = {}
    places = [Path(p) for p in path if p] + [_import_root(Path(n)) for n in named]
    for place in places:
        try:
            rel = place.resolve().relative_to(root)
        except (OSError, ValueError):
            continue
        if rel.parts and not place.resolve().is_relative_to(prefix):
            found[rel.as_posix()] = None
    return tuple(found)


def _import_root(named: Path) -> Path:
    """The folder to put on the import path so ``named`` (a package folder, its
    ``__init__.py`` or a module file) is imported from there."""
    if named.name == "__init__.py":
        return named.parent.parent
    return named.parent
