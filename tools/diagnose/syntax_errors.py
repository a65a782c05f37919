"""Suspects from source that does not compile: a syntax error is its own fault location."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from homeostasis.core.project import iter_python_files, read_source
from homeostasis.core.records import Suspect


def syntax_suspects(root: Path, paths: Iterable[str] | None = None) -> list[Suspect]:
    """One suspect (score 1.0, ``source="syntax"``) per file that fails to compile, at the line
    of the error, with a reason like ``SyntaxError: invalid syntax``.

    ``paths`` are root-relative; when None every project ``.py`` file is checked (test files
    included). Files that are missing or cannot be decoded are skipped. Compiler warnings (such
    as invalid escape sequences) are silenced.
    """
    if paths is None:
        rels = [f.relative_to(root).as_posix() for f in iter_python_files(root)]
    else:
        rels = [PurePosixPath(p).as_posix() for p in paths]
    suspects = []
    for rel in rels:
        text = read_source(root / rel)
        if text is None:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(text, rel, "exec", dont_inherit=True)
        except SyntaxError as exc:
            reason = f"{type(exc).__name__}: {exc.msg}"
            suspects.append(Suspect(rel, exc.lineno or 1, 1.0, "syntax", reason))
        except ValueError:  # null bytes (Python < 3.12 raises ValueError, not SyntaxError)
            continue
    return suspects
