from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import write_files
from homeostasis.tools.observe.tracebacks import parse_traceback, project_relpath


def _stderr_of(root: Path, code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=root, capture_output=True,
        text=True, timeout=30, check=False,
    )
    assert proc.returncode == 1, proc.stderr
    return proc.stderr


def test_real_chained_traceback_keeps_last_and_marks_project_frames(tmp_path: Path) -> None:
    write_files(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/calc.py": """\
            import json


            def ratio(a, b):
                return a / b


            def load(s):
                return json.loads(s)
            """,
        "tests/helpers.py": """\
            from pkg.calc import ratio


            def go():
                try:
                    {}["k"]
                except KeyError:
                    return ratio(1, 0)
            """,
    }, dedent=True)
    stderr = _stderr_of(tmp_path, "import sys; sys.path.insert(0, 'tests')\n"
                                  "import helpers\nhelpers.go()\n")
    assert "During handling" in stderr
    frames, exc_type, message = parse_traceback(stderr, tmp_path)
    assert (exc_type, message) == ("ZeroDivisionError", "division by zero")
    assert [(f.path, f.line, f.function) for f in frames] == [
        ("<string>", 3, "<module>"),
        ("tests/helpers.py", 8, "go"),
        ("pkg/calc.py", 5, "ratio"),
    ]
    assert [f.in_project for f in frames] == [False, True, True]
    assert [f.is_test for f in frames] == [False, True, False]
    assert frames[-1].source == "return a / b"  # the caret line under it is not the source


def test_real_library_frames_keep_absolute_paths(tmp_path: Path) -> None:
    write_files(tmp_path, {"mod.py": "import json\n\ndef load(s):\n    return json.loads(s)\n"})
    frames, exc_type, message = parse_traceback(
        _stderr_of(tmp_path, "import mod\nmod.load('{bad')\n"), tmp_path)
    assert exc_type == "json.decoder.JSONDecodeError"
    assert message.startswith("Expecting property name")
    project = [f for f in frames if f.in_project]
    assert [(f.path, f.line) for f in project] == [("mod.py", 4)]
    library = frames[-1]
    assert not library.in_project and Path(library.path).is_absolute()
    assert library.path.endswith("json/decoder.py")


def test_real_syntax_error_in_imported_module(tmp_path: Path) -> None:
    write_files(tmp_path, {"broken.py": "x = 1\n\ndef f(:\n    pass\n"})
    frames, exc_type, message = parse_traceback(
        _stderr_of(tmp_path, "import broken\n"), tmp_path)
    assert (exc_type, message) == ("SyntaxError", "invalid syntax")
    last = frames[-1]
    assert (last.path, last.line, last.function, last.in_project) == ("broken.py", 3, "", True)
    assert last.source == "def f(:"


def test_pytest_short_layout_with_nested_syntax_error() -> None:
    root = Path("/srv/proj")
    text = textwrap.dedent("""\
        ImportError while importing test module '/srv/proj/tests/test_x.py'.
        Traceback:
        /usr/lib/python3.11/importlib/__init__.py:126: in import_module
            return _bootstrap._gcd_import(name[level:], package, level)
                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
        <frozen importlib._bootstrap>:1204: in _gcd_import
            ???
        tests/test_x.py:1: in <module>
            import pkg.broken
        E     File "/srv/proj/pkg/broken.py", line 2
        E       def f(:
        E             ^
        E   SyntaxError: invalid syntax
        """)
    frames, exc_type, message = parse_traceback(text, root)
    assert (exc_type, message) == ("SyntaxError", "invalid syntax")
    assert [(f.path, f.line, f.in_project) for f in frames] == [
        ("/usr/lib/python3.11/importlib/__init__.py", 126, False),
        ("<frozen importlib._bootstrap>", 1204, False),
        ("tests/test_x.py", 1, True),
        ("pkg/broken.py", 2, True),
    ]
    assert frames[1].source == ""  # "???" means pytest had no source
    assert frames[2].source == "import pkg.broken"


def test_multiline_message_stops_at_a_section_rule() -> None:
    text = textwrap.dedent("""\
        Traceback (most recent call last):
          File "/srv/proj/tests/test_a.py", line 6, in test_a
            assert f() == 3
        AssertionError: assert 2 == 3
         +  where 2 = f()

        ----------------------------------------------------------------------
        Ran 1 test in 0.001s
        """)
    frames, exc_type, message = parse_traceback(text, Path("/srv/proj"))
    assert exc_type == "AssertionError"
    assert message == "assert 2 == 3\n +  where 2 = f()"
    assert frames[0].is_test and frames[0].path == "tests/test_a.py"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[XPASS(strict)] known bug", ("", "[XPASS(strict)] known bug")),
        ("", ("", "")),
        ("KeyboardInterrupt", ("KeyboardInterrupt", "")),
    ],
)
def test_text_without_frames(text: str, expected: tuple[str, str]) -> None:
    frames, exc_type, message = parse_traceback(text, Path("/srv/proj"))
    assert frames == ()
    assert (exc_type, message) == expected


def test_project_relpath_through_symlinked_root(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "pkg").mkdir(parents=True)
    (real / "pkg" / "m.py").write_text("x = 1\n")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert project_relpath(str(real / "pkg" / "m.py"), link) == "pkg/m.py"
    assert project_relpath(str(link / "pkg" / "m.py"), real) == "pkg/m.py"
    assert project_relpath(str(tmp_path / "elsewhere.py"), real) is None


@pytest.mark.parametrize(
    "rel",
    [".venv/lib/python3.11/site-packages/lib.py", "vendor/site-packages/lib.py",
     "build/lib/pkg/m.py", "x.egg-info/m.py"],
)
def test_installed_and_ignored_files_are_not_project(tmp_path: Path, rel: str) -> None:
    assert project_relpath(str(tmp_path / rel), tmp_path) is None
    assert project_relpath("pkg/ok.py", tmp_path) == "pkg/ok.py"
