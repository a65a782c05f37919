"""Suspects from source that does not compile: a syntax error is its own fault location."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from homeostasis.core.project import iter_python_files, read_source
from homeostasis.core.records import Suspect

log = logging.getLogger(__name__)


def syntax_suspects(root: Path, paths: Iterable[str] | None = None) -> list[Suspect]:
    """One suspect (score 1.0, ``source="syntax"``) per file that fails to compile, at the line
    of the error, with a reason like ``SyntaxError: invalid syntax``.

    ``paths`` are root-relative; when None every project ``.py`` file is checked (test files
    included). Files that are missing are skipped, and so are those that cannot be read as
    source (an unknown encoding), each said in one line. Compiler warnings (such as invalid
    escape sequences) are silenced.
    """
    if paths is None:
        rels = [f.relative_to(root).as_posix() for f in iter_python_files(root)]
    else:
        rels = [PurePosixPath(p).as_posix() for p in paths]
    suspects = []
    for rel in rels:
        if not (root / rel).is_file():
            continue
        text = read_source(root / rel, rel,
                           lambda why: log.warning("%s; it is not checked for syntax errors", why))
        error = None if text is None else _compile_error(text, rel)
        if error is not None:
            suspects.append(Suspect(rel, error[0], 1.0, "syntax", error[1]))
    return suspects


def _compile_error(text: str, name: str) -> tuple[int, str] | None:
    """The line and reason why ``text`` does not compile; None when it does."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, name, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return exc.lineno or _first_null_line(text), f"{type(exc).__name__}: {exc.msg}"
    except ValueError as exc:  # null bytes (some Pythons raise ValueError, not SyntaxError)
        return _first_null_line(text), f"SyntaxError: {exc}"
    return None


def _first_null_line(text: str) -> int:
    """The line of the first null character (Python names none for it); 1 without one."""
    return text.count("\n", 0, max(text.find("\0"), 0)) + 1
