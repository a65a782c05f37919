"""Facts about a project tree that every stage shares: which files are tests, which are CI
configuration, which folders are never part of the project, and how to read source text."""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

#: Folders that are never copied into a sandbox nor searched for source.
IGNORED_DIRS = frozenset(
    {
        ".git", ".hg", ".svn", ".homeostasis", "__pycache__", ".pytest_cache", ".mypy_cache",
        ".ruff_cache", ".tox", ".nox", ".venv", "venv", "env", "node_modules", ".eggs",
        "build", "dist", ".idea", ".vscode",
    }
)

_CI_PATHS = (".github/", ".gitlab-ci.yml", ".ci/", ".circleci/", "azure-pipelines.yml",
             "Jenkinsfile", ".travis.yml", "tox.ini", "noxfile.py", "pytest.ini", "setup.cfg",
             "pyproject.toml", ".pre-commit-config.yaml")


def is_test_path(path: str) -> bool:
    """True for files pytest treats as tests or test support (``test_*.py``, ``*_test.py``,
    ``conftest.py``, anything under a ``tests``/``test`` folder)."""
    p = PurePosixPath(path)
    if p.name == "conftest.py" or p.name.startswith("test_") or p.stem.endswith("_test"):
        return True
    return any(part in ("tests", "test", "testing") for part in p.parts[:-1])


def is_ci_path(path: str) -> bool:
    """True for CI and test-runner configuration, which candidates may not edit."""
    p = str(PurePosixPath(path))
    return any(p == c or p.startswith(c) for c in _CI_PATHS if c.endswith("/")) or any(
        p == c for c in _CI_PATHS if not c.endswith("/")
    )


def iter_python_files(root: Path) -> Iterator[Path]:
    """Every ``.py`` file under ``root``, skipping :data:`IGNORED_DIRS`, in a stable order."""
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and not entry.is_symlink():
            if entry.name not in IGNORED_DIRS and not entry.name.endswith(".egg-info"):
                yield from iter_python_files(entry)
        elif entry.suffix == ".py" and entry.is_file():
            yield entry


def source_encoding(data: bytes) -> str:
    """The encoding Python would use for this source (PEP 263 cookie, else UTF-8)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        return "utf-8"
    return "utf-8" if encoding == "utf-8-sig" else encoding


def read_source(path: Path) -> str | None:
    """The text of a source file, or None when it cannot be decoded as Python would decode it.

    Newlines are kept as they are in the file, so writing the text back with the same encoding
    reproduces the original bytes.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return data.decode(source_encoding(data))
    except (UnicodeDecodeError, LookupError):
        return None


def encode_source(text: str, like: bytes) -> bytes:
    """``text`` encoded the way the original bytes ``like`` were (UTF-8 for a new file)."""
    return text.encode(source_encoding(like))


def write_source(path: Path, text: str, like: bytes) -> None:
    """Write ``text`` to ``path`` in the encoding of the original bytes ``like``."""
    path.write_bytes(encode_source(text, like))
