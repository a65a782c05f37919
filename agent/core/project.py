"""Facts about a project tree that every stage shares: which files are tests, which are CI
configuration, which folders are never part of the project, and how to read source text
faithfully: as Python reads it, and written back byte for byte where it was not edited."""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from homeostasis.core.errors import ProjectError

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


def parse_python(text: str) -> ast.Module | None:
    """The module's AST, or None when the text is not valid Python (its warnings silenced)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError):
            return None


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


#: A byte that is not valid in its file's encoding (Python accepts one in a comment, and only
#: there) is read as one of these code points, so the text still parses, and written back as
#: that byte. A file that already holds one of them cannot be read faithfully.
_RESERVED = range(0x10FF80, 0x110000)
_ESCAPED = {0xDC80 + i: _RESERVED.start + i for i in range(len(_RESERVED))}  # surrogateescape
_UNESCAPED = {code: surrogate for surrogate, code in _ESCAPED.items()}
_RESERVED_TEXT = re.compile(f"[{chr(_RESERVED.start)}-{chr(_RESERVED.stop - 1)}]")
_SURROGATE = re.compile("[\udc80-\udcff]")


def source_encoding(data: bytes) -> str:
    """The encoding Python reads this source in: ``utf-8-sig`` for a file with a byte order
    mark (which drops the mark on reading and writes it back), else its PEP 263 cookie, else
    UTF-8. Raises SyntaxError, as Python does, for an unknown or contradictory encoding."""
    lines = io.BytesIO(data)

    def readline() -> bytes:  # undecodable bytes: Python takes the line as UTF-8 all the same
        return lines.readline().decode("utf-8", "replace").encode("utf-8")

    encoding, _ = tokenize.detect_encoding(readline)
    return encoding


def decode_source(data: bytes, shown: str) -> str:
    """The text of the source bytes ``data`` of the file ``shown``, decoded as Python decodes
    it (:func:`source_encoding`), newlines as they are; :func:`encode_source` gives back the
    same bytes. Raises :class:`ProjectError` saying why, in one line, when it cannot."""
    try:
        encoding = source_encoding(data)
        text = data.decode(encoding, "surrogateescape")
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        why = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise _unreadable(shown, why) from None
    if _RESERVED_TEXT.search(text):
        raise _unreadable(shown, f"it holds a code point in U+{_RESERVED.start:X}-"
                                 f"U+{_RESERVED.stop - 1:X}, which stand for undecodable bytes")
    if not _SURROGATE.search(text):
        return text
    text = text.translate(_ESCAPED)
    line = _undecodable_outside_comments(text)
    if line is not None:
        raise _unreadable(shown, f"line {line} has a byte that is not valid {encoding} outside "
                                 "a comment")
    return text


def _undecodable_outside_comments(text: str) -> int | None:
    """The line of the first undecodable byte (read as a reserved code point) that is not in a
    comment, where Python rejects it; None when there is none, or when the text does not
    tokenize (its own syntax error is then the one to repair)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type != tokenize.COMMENT and _RESERVED_TEXT.search(token.string):
                return token.start[0]
    except (tokenize.TokenError, SyntaxError):
        return None
    return None


def load_source(path: Path, shown: str | None = None) -> str:
    """The text of the source file ``path`` (:func:`decode_source`); raises
    :class:`ProjectError` naming it as ``shown`` (default: ``path``) when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(shown or str(path), exc.strerror or str(exc)) from None
    return decode_source(data, shown or str(path))


def read_source(path: Path, shown: str | None = None,
                why: Callable[[str], None] | None = None) -> str | None:
    """The text of a source file (:func:`load_source`), or None when it cannot be read; then
    ``why``, when given, is told so in one line naming the file as ``shown``."""
    try:
        return load_source(path, shown)
    except ProjectError as exc:
        if why is not None:
            why(str(exc))
        return None


def _unreadable(shown: str, why: str) -> ProjectError:
    return ProjectError(f"{shown} cannot be read as Python source: {' '.join(why.split())}")


def encode_source(text: str, like: bytes) -> bytes:
    """``text`` encoded the way the original bytes ``like`` were: in their encoding, with their
    byte order mark, and each undecodable byte read from them (:func:`decode_source`) back as
    it was; in UTF-8 for a new file, or one whose encoding Python itself could not read."""
    try:
        encoding = source_encoding(like)
    except SyntaxError:
        encoding = "utf-8"
    if _RESERVED_TEXT.search(text):
        text = text.translate(_UNESCAPED)
    return text.encode(encoding, "surrogateescape")


def write_source(path: Path, text: str, like: bytes) -> None:
    """Write ``text`` to ``path`` in the encoding of the original bytes ``like``."""
    path.write_bytes(encode_source(text, like))
