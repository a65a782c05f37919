"""Tie-breaking of equally suspicious lines by what the failing tests name."""

from __future__ import annotations

from pathlib import Path

from homeostasis.core.records import Failure, Frame, Suspect
from homeostasis.tools.diagnose.focus import focus_names, prefer_focus

SOURCE = (
    "def parse(text):\n"
    "    return text.split(',')\n"
    "\n"
    "\n"
    "def total(text):\n"
    "    parts = parse(text)\n"
    "    return sum(int(p) for p in parts)\n"
)


def failure(test_line: str, *project: Frame) -> Failure:
    test = Frame("tests/test_t.py", 3, "test_total", True, True, test_line)
    return Failure("tests/test_t.py::test_total", "AssertionError", "", (test, *project))


def test_names_come_from_the_failing_test_line_and_project_frames() -> None:
    f = failure("assert total('1,2') == 3",
                Frame("calc.py", 6, "total", True, False, "parts = parse(text)"))
    assert {"total", "assert"} <= focus_names([f])
    assert "parse" not in focus_names([failure("assert total('1,2') == 3")])


def test_tied_lines_in_the_named_function_come_first(tmp_path: Path) -> None:
    (tmp_path / "calc.py").write_text(SOURCE, encoding="utf-8")
    tied = [Suspect("calc.py", 2, 0.7, "sbfl", "r"), Suspect("calc.py", 6, 0.7, "sbfl", "r"),
            Suspect("calc.py", 7, 0.7, "sbfl", "r"), Suspect("calc.py", 1, 0.9, "sbfl", "r")]
    ordered = prefer_focus(tied, tmp_path, [failure("assert total('1,2') == 3")])
    assert [s.line for s in ordered] == [1, 6, 7, 2]  # score first, then focus, then as given
    unnamed = prefer_focus(tied, tmp_path, [failure("assert True")])
    assert [s.line for s in unnamed] == [1, 2, 6, 7]
