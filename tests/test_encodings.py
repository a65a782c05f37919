"""Source files whose bytes are not plain UTF-8 — a byte order mark, a byte that is not valid in
the file's encoding (Python accepts one in a comment), a PEP 263 cookie — are read, edited and
written back byte for byte, and one that cannot be read says why, naming the file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from homeostasis.core.edits import apply_edit, apply_edits
from homeostasis.core.errors import ProjectError
from homeostasis.core.project import encode_source, load_source, read_source
from homeostasis.core.records import Context, Edit, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.templates.engine import TemplateProposer
from homeostasis.tools.diagnose.context import build_context
from homeostasis.tools.diagnose.syntax_errors import syntax_suspects

BOM = b"\xef\xbb\xbf"
BUGGY = b"def is_free(total):\n    return total < 0\n"
FIXED = BUGGY.replace(b"total < 0", b"total <= 0")
#: Name → the bytes of a module Python imports, whose ``is_free`` is wrong (BUGGY's line 2).
FILES = {
    "bom": BOM + BUGGY,
    "byte-on-line-1": b"# caf\xe9\n" + BUGGY,
    "byte-after": BUGGY + b"# na\xefve \xff\xfe\n",
    "bom-and-byte": BOM + BUGGY + b"# \xe9\r\n",
    "latin-1-cookie": b"# -*- coding: latin-1 -*-\n" + BUGGY + b"# caf\xe9\n",
}


def _module(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "cart.py"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data", FILES.values(), ids=FILES.keys())
def test_a_file_is_read_as_python_reads_it_and_written_back_byte_for_byte(
    tmp_path: Path, data: bytes
) -> None:
    path = _module(tmp_path, data)
    compile(data, "cart.py", "exec")  # Python itself accepts the file
    text = load_source(path)
    assert not text.startswith("\ufeff")
    assert ast.parse(text)  # the text parses, as the bytes compile
    assert read_source(path) == text
    assert encode_source(text, data) == data


@pytest.mark.parametrize("data", FILES.values(), ids=FILES.keys())
def test_an_edit_changes_only_the_bytes_it_edits(tmp_path: Path, data: bytes) -> None:
    text = load_source(_module(tmp_path, data))
    new = apply_edit(text, Edit("cart.py", "total < 0", "total <= 0"))
    assert encode_source(new, data) == data.replace(BUGGY, FIXED)


def test_an_edit_of_a_line_with_an_undecodable_byte_keeps_the_byte(tmp_path: Path) -> None:
    data = b"X = 1  # caf\xe9\n"
    text = load_source(_module(tmp_path, data))
    (new,) = apply_edits({"cart.py": text}, [Edit("cart.py", "X = 1", "X = 2")]).values()
    assert encode_source(new, data) == b"X = 2  # caf\xe9\n"


def test_a_new_file_is_plain_utf8() -> None:
    assert encode_source("N = 'é'\n", b"") == "N = 'é'\n".encode()


@pytest.mark.parametrize(("data", "why"), [
    (b"# -*- coding: klingon -*-\nX = 1\n", "unknown encoding: klingon"),
    (b"X = 1  # caf\xe9\nY = 'caf\xe9'\n", "line 2 has a byte that is not valid utf-8 outside "
                                            "a comment"),
    (BOM + b"# -*- coding: latin-1 -*-\nX = 1\n", "encoding problem: utf-8"),
    ("X = '\U0010ffe9'\n".encode(), "U+10FF80"),
], ids=["unknown-cookie", "byte-in-a-string", "bom-and-latin-1-cookie", "reserved-code-point"])
def test_a_file_that_cannot_be_read_says_why_in_one_line_naming_it(
    tmp_path: Path, data: bytes, why: str
) -> None:
    path = _module(tmp_path, data)
    with pytest.raises(ProjectError) as caught:
        load_source(path, "shop/cart.py")
    message = str(caught.value)
    assert message.startswith("shop/cart.py cannot be read as Python source: ")
    assert why in message
    assert "\n" not in message
    assert read_source(path) is None


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match=r"^gone\.py cannot be read as Python source: .*No "
                                           r"such file"):
        load_source(tmp_path / "gone.py", "gone.py")


@pytest.mark.parametrize("data", FILES.values(), ids=FILES.keys())
def test_the_template_engine_fixes_such_a_file_and_keeps_its_bytes(
    tmp_path: Path, data: bytes
) -> None:
    _module(tmp_path, data)
    head, tail = data.split(BUGGY)
    line = head.count(b"\n") + 2
    suspect = Suspect("cart.py", line, 1.0, "traceback", "raised here")
    task = RepairTask(tmp_path, (), (suspect,), Context((), 0, 0))
    fixes = [encode_source(apply_edits({"cart.py": load_source(tmp_path / "cart.py")},
                                       c.edits)["cart.py"], data)
             for c in TemplateProposer().propose(task, 10)]
    assert fixes[0] == head + FIXED + tail  # a boundary swap comes first
    assert all(fix.startswith(head) and fix.endswith(tail) for fix in fixes)


@pytest.mark.parametrize("data", FILES.values(), ids=FILES.keys())
def test_a_file_python_compiles_is_no_syntax_suspect(tmp_path: Path, data: bytes) -> None:
    _module(tmp_path, data)
    assert syntax_suspects(tmp_path) == []


def test_a_file_that_cannot_be_read_is_not_checked_for_syntax_and_says_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _module(tmp_path, b"# -*- coding: klingon -*-\nX = 1\n")
    (tmp_path / "nul.py").write_bytes(b"X = 1\nY = 2\0\n")
    (nul,) = syntax_suspects(tmp_path)
    assert (nul.path, nul.line) == ("nul.py", 2)
    assert "null bytes" in nul.reason
    assert caplog.messages == ["cart.py cannot be read as Python source: unknown encoding: "
                               "klingon; it is not checked for syntax errors"]


@pytest.mark.parametrize("data", FILES.values(), ids=FILES.keys())
def test_the_context_shows_the_suspect_function(tmp_path: Path, data: bytes) -> None:
    _module(tmp_path, data)
    line = data.split(BUGGY)[0].count(b"\n") + 2
    suspect = Suspect("cart.py", line, 1.0, "traceback", "raised here")
    context = build_context(tmp_path, [suspect], [])
    (snippet,) = context.snippets
    assert snippet.text == BUGGY.decode()
    assert (snippet.start, snippet.end) == (line - 1, line)


def test_a_suspect_file_that_cannot_be_read_is_said_by_the_engine_and_the_context(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _module(tmp_path, b"# -*- coding: klingon -*-\ndef f():\n    return 1\n")
    suspect = Suspect("cart.py", 3, 1.0, "traceback", "raised here")
    task = RepairTask(tmp_path, (), (suspect,), Context((), 0, 0))
    assert list(TemplateProposer().propose(task, 10)) == []
    assert build_context(tmp_path, [suspect], []).snippets == ()
    why = "cart.py cannot be read as Python source: unknown encoding: klingon"
    assert caplog.messages == [f"{why}; no template fix is tried in it",
                               f"{why}; it is left out of the context"]
