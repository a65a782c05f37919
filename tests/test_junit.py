from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from homeostasis.tools.observe.junit import (
    MAX_REPORT_BYTES,
    OUTPUT_LIMIT,
    node_id,
    parse_junit,
)

DATA = Path(__file__).parent / "data" / "junit"
#: The fixtures were written by real pytest runs in a project at this path.
FIXTURE_ROOT = Path("/srv/proj")


def test_mixed_report_node_ids_and_outcomes() -> None:
    results, _ = parse_junit((DATA / "mixed.xml").read_text(), FIXTURE_ROOT)
    assert {r.test_id: (r.outcome, r.collection_error) for r in results} == {
        "tests/test_imp.py": ("error", True),
        "tests/test_selfsyn.py": ("error", True),
        "tests/test_syntax.py": ("error", True),
        "tests/test_a.py::test_assert": ("failed", False),
        "tests/test_a.py::test_deep": ("failed", False),
        "tests/test_a.py::test_lib": ("failed", False),
        "tests/test_a.py::test_param[1-1]": ("passed", False),
        "tests/test_a.py::test_param[2-0]": ("failed", False),
        "tests/test_a.py::TestC::test_m": ("failed", False),
        "tests/test_a.py::TestC::test_ok": ("passed", False),
        "tests/test_a.py::test_fix": ("error", False),  # fixture setup error
        "tests/test_a.py::test_td": ("error", False),  # fixture teardown error
        "tests/test_a.py::test_skip": ("skipped", False),
        "tests/test_a.py::test_xfail": ("skipped", False),
        "tests/test_a.py::test_xpass": ("passed", False),
        "tests/test_a.py::test_chain": ("failed", False),
        "tests/test_a.py::test_chain2": ("failed", False),
    }


def test_mixed_report_failures() -> None:
    _, failures = parse_junit((DATA / "mixed.xml").read_text(), FIXTURE_ROOT)
    by_id = {f.test_id: f for f in failures}
    assert len(by_id) == len(failures) == 12

    deep = by_id["tests/test_a.py::test_deep"]
    assert (deep.exc_type, deep.message) == ("ZeroDivisionError", "division by zero")
    assert [(f.path, f.line) for f in deep.project_frames] == [
        ("tests/test_a.py", 10), ("pkg/calc.py", 5), ("pkg/calc.py", 9)]
    assert len(deep.output) <= OUTPUT_LIMIT + 40
    assert deep.output.endswith("ZeroDivisionError: division by zero")

    assertion = by_id["tests/test_a.py::test_assert"]
    assert assertion.exc_type == "AssertionError"
    assert assertion.message == "assert 2.0 == 3\n +  where 2.0 = ratio(4, 2)"

    lib = by_id["tests/test_a.py::test_lib"]
    assert lib.exc_type == "json.decoder.JSONDecodeError"
    assert not lib.frames[-1].in_project and lib.project_frames[-1].path == "pkg/calc.py"

    assert by_id["tests/test_a.py::test_chain"].message == "wrapped"
    assert by_id["tests/test_a.py::test_fix"].frames[-1].function == "bad"


def test_collection_errors_point_at_the_broken_module() -> None:
    _, failures = parse_junit((DATA / "mixed.xml").read_text(), FIXTURE_ROOT)
    by_id = {f.test_id: f for f in failures}
    syntax = by_id["tests/test_syntax.py"]
    assert syntax.collection_error
    assert (syntax.exc_type, syntax.message) == ("SyntaxError", "invalid syntax")
    last = syntax.frames[-1]
    assert (last.path, last.line, last.in_project) == ("pkg/broken.py", 1, True)
    assert not last.is_test

    missing = by_id["tests/test_imp.py"]
    assert missing.exc_type == "ModuleNotFoundError"
    assert missing.message == "No module named 'nonexistent_mod_xyz'"
    assert (missing.frames[-1].path, missing.frames[-1].line) == ("tests/test_imp.py", 1)


def test_duplicate_testcases_nested_classes_and_conftest_errors() -> None:
    results, failures = parse_junit((DATA / "teardown_nested.xml").read_text(), FIXTURE_ROOT)
    outcomes = {r.test_id: r.outcome for r in results}
    assert len(outcomes) == len(results) == 7  # call failure + teardown error merged
    assert outcomes["tests/test_b.py::test_both"] == "failed"
    assert outcomes["sub"] == "error"  # a broken conftest.py is reported by its folder
    assert outcomes["tests/test_b.py::TestOuter::TestInner::test_n[x/y.z]"] == "failed"
    assert outcomes["tests/test_b.py::TestOuter::TestInner::test_n[a::b]"] == "passed"

    by_id = {f.test_id: f for f in failures}
    both = by_id["tests/test_b.py::test_both"]
    assert both.exc_type == "AssertionError"  # the call's exception comes first
    assert "AssertionError: assert 1 == 2" in both.output
    assert "ValueError: teardown broke" in both.output
    assert len(both.output) <= OUTPUT_LIMIT + 100
    xpass = by_id["tests/test_b.py::test_xpass_strict"]
    assert (xpass.exc_type, xpass.message, xpass.frames) == ("", "[XPASS(strict)] strictly", ())
    conftest = by_id["sub"]
    assert conftest.collection_error and conftest.frames[-1].path == "sub/conftest.py"


def test_message_attribute_is_the_fallback() -> None:
    xml = ('<testsuites><testsuite><testcase classname="t" name="test_a" file="t.py">'
           '<failure message="KeyError: \'k\'"/></testcase></testsuite></testsuites>')
    _, (failure,) = parse_junit(xml, FIXTURE_ROOT)
    assert failure.test_id == "t.py::test_a"
    assert (failure.exc_type, failure.message) == ("KeyError", "'k'")


@pytest.mark.parametrize(
    ("xml", "match"),
    [("<testsuites><testcase", "malformed"), ("", "malformed"), ("<html/>", "root element")],
)
def test_malformed_xml_raises_value_error(xml: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        parse_junit(xml, FIXTURE_ROOT)


ONE_CASE = ('<testsuites><testsuite><testcase classname="t" name="{name}" file="t.py"/>'
            '</testsuite></testsuites>')
LAUGHS = "".join('<!ENTITY lol{} "{}">\n'.format(i, f"&lol{i - 1};" * 10) for i in range(1, 10))
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 "lol">\n'
                  + LAUGHS + "]>\n" + ONE_CASE.format(name="&lol9;"))


@pytest.mark.parametrize("xml", [
    BILLION_LAUGHS,
    '<!DOCTYPE t [<!ENTITY x "boom">]>' + ONE_CASE.format(name="&x;"),
    '<!DOCTYPE t SYSTEM "file:///etc/passwd">' + ONE_CASE.format(name="test_a"),
    '<!DOCTYPE testsuites>' + ONE_CASE.format(name="test_a"),
], ids=["billion-laughs", "internal-entity", "external-dtd", "bare-doctype"])
def test_a_report_with_a_dtd_is_refused_with_the_reason(xml: str) -> None:
    for report in (xml, xml.encode()):
        with pytest.raises(ValueError, match="declares a DTD"):
            parse_junit(report, FIXTURE_ROOT)


def test_a_report_larger_than_the_limit_is_refused_unparsed() -> None:
    head, tail = ONE_CASE.format(name="test_a").split("<testsuite>")
    padded = f"{head}{' ' * MAX_REPORT_BYTES}<testsuite>{tail}".encode()
    with pytest.raises(ValueError, match=r"^the JUnit report is 50\.0 MB, more than the 50 MB"):
        parse_junit(padded, FIXTURE_ROOT)


def test_a_report_given_as_bytes_is_read_as_utf8_and_a_bad_byte_is_replaced() -> None:
    xml = ('<?xml version="1.0" encoding="utf-8"?>' + ONE_CASE.format(name="test_é\udcff"))
    results, _ = parse_junit(xml.encode("utf-8", errors="surrogateescape"), FIXTURE_ROOT)
    assert [r.test_id for r in results] == ["t.py::test_é\ufffd"]


def test_node_id_of_test_inherited_from_another_file(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_real.py").write_text("")
    assert node_id("tests/base.py", "tests.test_real.TestX", "test_y", tmp_path) == (
        "tests/test_real.py::TestX::test_y")
    assert node_id("a.b/test_x.py", "a.b.test_x.T", "test[1.5]", tmp_path) == (
        "a.b/test_x.py::T::test[1.5]")


@pytest.mark.slow
def test_real_pytest_run(tmp_path: Path) -> None:
    files = {
        "pytest.ini": "[pytest]\n",
        "app/__init__.py": "",
        "app/core.py": "def half(x):\n    return x // 2\n",
        "app/broken.py": "def oops(:\n    pass\n",
        "tests/test_core.py": """\
            import pytest
            from app.core import half

            class TestHalf:
                @pytest.mark.parametrize("x", [4, 5])
                def test_half(self, x):
                    assert half(x) == x / 2
            """,
        "tests/test_broken.py": "import app.broken\n\ndef test_never():\n    pass\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(textwrap.dedent(text))
    report = tmp_path / "report.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--tb=native",
         "-o", "junit_family=xunit1", f"--junitxml={report}", "--continue-on-collection-errors",
         "-q"], cwd=tmp_path, capture_output=True, timeout=60, check=False,
    )
    results, failures = parse_junit(report.read_text(), tmp_path)
    assert {r.test_id: r.outcome for r in results} == {
        "tests/test_broken.py": "error",
        "tests/test_core.py::TestHalf::test_half[4]": "passed",
        "tests/test_core.py::TestHalf::test_half[5]": "failed",
    }
    by_id = {f.test_id: f for f in failures}
    broken = by_id["tests/test_broken.py"]
    assert (broken.frames[-1].path, broken.frames[-1].line, broken.exc_type) == (
        "app/broken.py", 1, "SyntaxError")
    half = by_id["tests/test_core.py::TestHalf::test_half[5]"]
    assert half.exc_type == "AssertionError" and half.message.startswith("assert 2 == (5 / 2)")
    assert [f.path for f in half.project_frames] == ["tests/test_core.py"]
