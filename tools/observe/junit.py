"""Read the JUnit XML that ``pytest --junitxml=… -o junit_family=xunit1`` writes.

What pytest really writes (pytest 8/9):

* a test is ``<testcase classname="tests.test_x.TestC" name="test_y[a-1]" file="tests/test_x.py">``;
  the classname is the file's dotted module path plus any (nested) class names;
* a collection error is ``<testcase classname="" name="tests.test_x" file="tests/test_x.py">``
  holding ``<error message="collection failure">``; for a broken ``conftest.py`` the ``file``
  is the *folder*. The text is pytest's short traceback layout (``path:1: in <module>`` and
  ``E   `` lines), not a native one, except for conftest import errors;
* a test that fails in its call *and* errors in teardown appears as two ``<testcase>`` elements
  with the same name (merged here into one result);
* ``<failure message=…>`` of a rewritten ``assert`` lacks the ``AssertionError:`` prefix, and
  ``--tb=native`` keeps pytest's and pluggy's own frames in the text;
* xfail is ``<skipped type="pytest.xfail">``, a non-strict xpass has no child (passed), a strict
  xpass is a ``<failure>`` whose text is just ``[XPASS(strict)] reason``;
* a module-level ``pytest.skip`` is a classname-less testcase with ``<skipped message="collection
  skipped">`` (reported here as a skipped result named by the file).

The report is written by the project's own process, so it is read as hostile: one larger than
:data:`MAX_REPORT_BYTES` is refused unparsed, and so is one that declares a DTD (pytest never
writes one; it is how entity bombs such as "billion laughs" and external entities get in).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from xml.parsers import expat

from homeostasis.core.records import Failure, TestOutcome, TestResult
from homeostasis.tools.observe.tracebacks import parse_traceback

#: The largest report read: pytest writes some hundreds of bytes per test plus the text of each
#: failure, so a real suite stays far below it.
MAX_REPORT_BYTES = 50 * 1024 * 1024

#: How much of a failure's text is kept in :attr:`Failure.output` (the end is kept).
OUTPUT_LIMIT = 4000

_OUTCOME_OF_CHILD: dict[str, TestOutcome] = {
    "failure": "failed", "error": "error", "skipped": "skipped"
}
_RANK: dict[TestOutcome, int] = {"passed": 0, "skipped": 1, "error": 2, "failed": 3}


def parse_junit(
    report: str | bytes, root: Path, tree: Path | None = None
) -> tuple[tuple[TestResult, ...], tuple[Failure, ...]]:
    """Parse a pytest xunit1 report into ``(results, failures)``, in report order.

    Each result's ``test_id`` is the pytest node id (``tests/test_x.py::TestC::test_y[a-1]``);
    a collection error's is the path pytest could not collect, with ``outcome="error"`` and
    ``collection_error=True`` on both the result and its :class:`Failure`. Setup and teardown
    errors are ``outcome="error"``. There is one result and at most one failure per test id; a
    call failure followed by a teardown error keeps ``failed``, the call's exception and both
    texts. ``root`` is the directory pytest ran in (used to make frame paths relative);
    ``tree`` is a copy of the project on this machine (``root`` when pytest ran here).

    ``report`` given as bytes is read as UTF-8 (what pytest writes), a bad byte replaced.
    Raises ValueError, its message the reason, when ``report`` is larger than
    :data:`MAX_REPORT_BYTES`, declares a DTD, or is not well-formed JUnit XML.
    """
    suites = _parse(report)
    if suites.tag not in ("testsuites", "testsuite"):
        raise ValueError(f"not a JUnit report: the root element is <{suites.tag}>")
    results: dict[str, TestResult] = {}
    failures: dict[str, Failure] = {}
    texts: dict[str, list[str]] = {}
    for case in suites.iter("testcase"):
        result, failure = _read_case(case, root, tree or root)
        old = results.get(result.test_id)
        if old is not None:
            worse = _RANK[result.outcome] > _RANK[old.outcome]
            result = replace(
                old,
                outcome=result.outcome if worse else old.outcome,
                duration=old.duration + result.duration,
                collection_error=old.collection_error or result.collection_error,
            )
        results[result.test_id] = result
        if failure is not None:
            failures.setdefault(failure.test_id, failure)
            texts.setdefault(failure.test_id, []).append(failure.output)
    merged = (
        replace(f, output="\n\n".join(_trim(t, OUTPUT_LIMIT // len(texts[i])) for t in texts[i]))
        for i, f in failures.items()
    )
    return tuple(results.values()), tuple(merged)


def _parse(report: str | bytes) -> ET.Element:
    """The root element of ``report``, parsed by expat straight into a tree, with any DTD
    refused as soon as it starts (before an entity in it is declared, let alone expanded)."""
    if len(report) > MAX_REPORT_BYTES:
        mb = 1024 * 1024
        raise ValueError(f"the JUnit report is {len(report) / mb:.1f} MB, more than the "
                         f"{MAX_REPORT_BYTES // mb} MB Homeostasis reads; it was not read")
    text = report.decode("utf-8", errors="replace") if isinstance(report, bytes) else report
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = _refuse_dtd
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise ValueError(f"malformed JUnit XML: {exc}") from exc
    return builder.close()


def _refuse_dtd(name: str, *_: object) -> None:
    raise ValueError(f"the JUnit report declares a DTD (<!DOCTYPE {name}>), which pytest never "
                     "writes; refused: entity bombs and external entities come in through one")


def _read_case(case: ET.Element, root: Path, tree: Path) -> tuple[TestResult, Failure | None]:
    file = case.get("file", "")
    classname = case.get("classname", "")
    name = case.get("name", "")
    child = next((c for c in case if c.tag in _OUTCOME_OF_CHILD), None)
    outcome: TestOutcome = "passed" if child is None else _OUTCOME_OF_CHILD[child.tag]
    collection = not classname and child is not None and (
        child.get("message", "").startswith("collection ")
    )
    test_id = (file or name) if collection else node_id(file, classname, name, tree)
    try:
        duration = float(case.get("time", "0") or 0)
    except ValueError:
        duration = 0.0
    collection_error = collection and outcome == "error"
    result = TestResult(test_id, outcome, duration, collection_error)
    if child is None or outcome == "skipped":
        return result, None
    text = child.text or ""
    frames, exc_type, message = parse_traceback(text, root)
    attr = child.get("message", "")
    if not exc_type and not message:
        _, exc_type, message = parse_traceback(attr, root)
        message = message if exc_type else attr
    failure = Failure(test_id, exc_type, message, frames, text or attr, collection_error)
    return result, failure


def node_id(file: str, classname: str, name: str, tree: Path) -> str:
    """The pytest node id of an xunit1 testcase.

    The module part of ``classname`` is the dotted form of ``file``. When it is not (a test
    inherited from a class in another file reports that file), the longest dotted prefix of
    ``classname`` that names an existing ``.py`` file under ``tree`` is taken as the module.
    """
    module = re.sub(r"\.py$", "", file).replace("/", ".")
    if file and (classname == module or classname.startswith(module + ".")):
        classes = classname[len(module) + 1:]
    else:
        parts = classname.split(".")
        for cut in range(len(parts), 0, -1):
            candidate = "/".join(parts[:cut]) + ".py"
            if (tree / candidate).is_file():
                file, classes = candidate, ".".join(parts[cut:])
                break
        else:
            file = file or "/".join(parts) + ".py"
            classes = ""
    return "::".join([file, *(c for c in classes.split(".") if c), name])


def _trim(text: str, limit: int) -> str:
    """The end of ``text`` (where the innermost frames and the exception are), at most
    ``limit`` characters plus a note of how much was cut."""
    if len(text) <= limit:
        return text
    cut = len(text) - limit
    return f"[… {cut} characters trimmed]\n" + text[cut:]
