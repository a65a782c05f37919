"""Prompt templates and the helpers that fill them."""

from __future__ import annotations

from pathlib import Path

import pytest
from homeostasis.core.records import Candidate, Context, Failure, Frame, Snippet, Suspect
from homeostasis.propose.base import RepairTask
from homeostasis.propose.llm.prompting import (
    PromptError,
    fence,
    format_failures,
    format_snippets,
    format_suspects,
    load_prompt,
    number_lines,
    render,
    render_prompt,
    repair_messages,
    retry_message,
    scrub,
)


def make_task(root: Path, hints: tuple[str, ...] = ()) -> RepairTask:
    failure = Failure(
        test_id="tests/test_calc.py::test_add",
        exc_type="AssertionError",
        message=f"assert -1 == 5\n  file {root}/calc.py",
        frames=(
            Frame(str(root / "lib.py"), 9, "outside", in_project=False),
            Frame("tests/test_calc.py", 5, "test_add", in_project=True, is_test=True),
            Frame("calc.py", 42, "add", in_project=True),
        ),
    )
    suspect = Suspect("calc.py", 42, 0.9, "traceback", "raised here", function="add")
    snippet = Snippet("calc.py", 41, 42, "def add(a, b):\n    return a - b\n", "suspect", "add")
    return RepairTask(root, (failure,), (suspect,), Context((snippet,), 20, 1000), hints)


def test_render_fills_placeholders_with_or_without_spaces() -> None:
    assert render("a {{x}} b {{ y }}", {"x": "1", "y": "2"}) == "a 1 b 2"


def test_render_does_not_expand_placeholders_inside_values() -> None:
    assert render("{{ a }}", {"a": "{{ b }}"}) == "{{ b }}"


def test_render_fails_on_a_missing_value() -> None:
    with pytest.raises(PromptError, match="needs a value for: y"):
        render("{{ x }} {{ y }}", {"x": "1"}, "demo")


def test_render_fails_on_an_unexpected_value() -> None:
    with pytest.raises(PromptError, match="no placeholder for: z"):
        render("{{ x }}", {"x": "1", "z": "2"})


def test_render_prompt_checks_the_shipped_templates() -> None:
    with pytest.raises(PromptError, match="repair_user"):
        render_prompt("repair_user", failures="f")


def test_load_prompt_reports_an_unknown_template() -> None:
    with pytest.raises(PromptError, match="no_such_prompt"):
        load_prompt("no_such_prompt")


def test_system_prompt_explains_the_edit_format_and_data_rule() -> None:
    system = render_prompt("repair_system")
    for marker in ("<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE", "never", "data"):
        assert marker in system
    assert "tests" in system


def test_fence_outgrows_backticks_in_the_text() -> None:
    fenced = fence("x = '```'", "python")
    assert fenced.startswith("````python\n") and fenced.endswith("\n````")


def test_number_lines_pads_numbers() -> None:
    assert number_lines("a\n  b\n", 41) == "  41 | a\n  42 |   b"


def test_scrub_removes_the_root_and_durations(tmp_path: Path) -> None:
    text = f"{tmp_path}/calc.py failed; cwd {tmp_path}; 1 failed in 0.03s"
    assert scrub(text, [tmp_path]) == "calc.py failed; cwd .; 1 failed in Xs"


def test_failures_show_id_type_message_and_project_frames_only(tmp_path: Path) -> None:
    text = format_failures(make_task(tmp_path).failures, [tmp_path])
    assert "test: tests/test_calc.py::test_add" in text
    assert "raised: AssertionError" in text
    assert "  assert -1 == 5" in text
    assert "tests/test_calc.py:5 in test_add\n  calc.py:42 in add" in text
    assert "lib.py" not in text and str(tmp_path) not in text
    assert text.startswith("```text\n")


def test_suspects_are_ranked_with_score_and_reason() -> None:
    low = Suspect("b.py", 1, 0.2, "sbfl", "ochiai")
    high = Suspect("a.py", 7, 0.85, "traceback", "raised here", function="f")
    text = format_suspects([low, high])
    assert text.index("a.py:7 in f  score 0.85  traceback: raised here") < text.index("b.py:1")
    assert format_suspects([]) == "(none found)"


def test_snippets_are_fenced_with_line_numbers() -> None:
    text = format_snippets([Snippet("calc.py", 9, 10, "x = 1\ny = 2\n", "definition", "x")])
    assert text == "calc.py lines 9-10 (definition: x)\n```python\n   9 | x = 1\n  10 | y = 2\n```"


def test_repair_prompt_holds_the_suspect_snippet_and_no_absolute_path(tmp_path: Path) -> None:
    system, user = repair_messages(make_task(tmp_path, hints=("money is in cents",)))
    assert (system.role, user.role) == ("system", "user")
    assert "  41 | def add(a, b):\n  42 |     return a - b" in user.content
    assert "calc.py:42 in add  score 0.90" in user.content
    assert "- money is in cents" in user.content
    assert str(tmp_path) not in user.content and str(tmp_path) not in system.content
    assert "{{" not in user.content


def test_repair_prompt_is_the_same_for_the_same_failure_elsewhere(tmp_path: Path) -> None:
    one = repair_messages(make_task(tmp_path / "one"))
    two = repair_messages(make_task(tmp_path / "two"))
    assert one == two


def test_retry_message_shows_the_failed_diff_and_scrubbed_output(tmp_path: Path) -> None:
    failed = Candidate("m001", "llm", (), "fix", diff="--- a/calc.py\n+++ b/calc.py\n")
    message = retry_message(failed, f"E   assert 4 == 5\n{tmp_path}/calc.py:2", [tmp_path])
    assert message.role == "user"
    assert "```diff\n--- a/calc.py" in message.content
    assert "E   assert 4 == 5\ncalc.py:2" in message.content
    assert str(tmp_path) not in message.content


def test_retry_message_shows_why_an_unusable_edit_failed() -> None:
    failed = Candidate("m002", "llm", (), "x", error="no match for SEARCH block in calc.py")
    assert "could not be used" in retry_message(failed, "").content
    assert "no match for SEARCH block" in retry_message(failed, "").content
