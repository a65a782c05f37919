"""The conversation of ``homeostasis fix`` on a real pseudo-terminal: the command sees a
terminal, draws with rich and reads with prompt_toolkit (or plain ``input()`` under
``NO_COLOR``), and is typed into as a person would — a hint for the model, a ``file:line`` for
the offline engine, ``y``, ``runs``, ``q``, Ctrl-C."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import (
    INVOICING_FIX,
    SHOP,
    SHOP_BUG,
    SHOP_BUG_LINE,
    SHOP_FIX,
    copy_example,
    edit_reply,
    only_run,
    read_json,
    run_cli,
    run_project_tests,
    tree_hashes,
    write_files,
)
from llm_server import LLMServer, openai_reply
from terminal import Terminal

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: The conversation's prompt, as the plain text of the screen shows it.
PROMPT = r"homeostasis \[(?P<where>[^\]]*)\] > ?$"
STOCK = "shop/stock.py"
PRICING = "invoicing/pricing.py"
HINT = "selling the whole shelf is allowed: in_stock is inclusive"
#: rich and prompt_toolkit (colour terminal), or plain text and input() (NO_COLOR).
STYLES = pytest.mark.parametrize("no_color", ["", "1"], ids=["rich", "plain"])


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    return write_files(tmp_path / "shop", SHOP, dedent=True)


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def start(terminals: list[Terminal], *args: str | Path, no_color: str = "",
          env: dict[str, str] | None = None) -> Terminal:
    terminal = Terminal("fix", *args, env={"NO_COLOR": no_color, **(env or {})})
    terminals.append(terminal)
    return terminal


def at_prompt(terminal: Terminal, timeout: float = 120) -> str:
    """The screen up to the next prompt; returns where the prompt says it is."""
    shown = terminal.read_until(PROMPT, timeout)
    found = re.search(PROMPT, shown)
    assert found is not None
    return found["where"]


@STYLES
def test_a_hint_typed_at_the_prompt_reaches_the_model_and_changes_its_fix(
        shop: Path, tmp_path: Path, terminals: list[Terminal], no_color: str) -> None:
    wrong = edit_reply(STOCK, SHOP_BUG, "    return STOCK.get(item, 1) > quantity\n",
                       prose="Unknown items count as one.")
    right = edit_reply(STOCK, SHOP_BUG, SHOP_FIX, prose="The last item on a shelf can be sold.")
    with LLMServer() as server:
        server.script(openai_reply(wrong), openai_reply(right))
        term = start(terminals, shop, "--model", "openai:test-model", "--base-url",
                     f"{server.url}/v1", "--no-cascade", "--rounds", "1", no_color=no_color,
                     env={"OPENAI_API_KEY": "sk-test-0123456789abcdefghij",
                          "HOMEOSTASIS_SAMPLES": "1",
                          "HOMEOSTASIS_CACHE_DIR": str(tmp_path / "cache")})
        assert at_prompt(term) == "no fix"
        term.type(HINT)
        assert at_prompt(term) == "#1 of 1"
        term.type("e")
        assert "The last item on a shelf can be sold." in term.read_until(PROMPT)
        term.type("y")
        assert "Applied h1-m002 to shop/stock.py" in term.read_until(PROMPT)
        term.type("q")
        assert term.wait() == 0
        first, second = (r.body["messages"][-1]["content"] for r in server.received)

    assert HINT not in first and "What the developer says" not in first
    said = second[second.index("## What the developer says"):]
    assert f"- {HINT}" in said
    assert SHOP_FIX in (shop / STOCK).read_text(encoding="utf-8")
    assert run_project_tests(shop).returncode == 0
    run = only_run(shop)
    assert read_json(run / "run.json")["hints"] == [HINT]
    assert read_json(run / "outcome.json")["status"] == "applied"


def test_without_a_model_a_file_and_line_finds_the_fix_the_first_round_missed(
        shop: Path, terminals: list[Terminal]) -> None:
    original = tree_hashes(shop)
    term = start(terminals, shop)
    shown = term.read_until(PROMPT)
    assert "no line of the project's code is suspected" in shown or "No candidate" in shown
    term.type("r")  # the runs, this one among them, still unfinished
    runs = term.read_until(PROMPT)
    assert only_run(shop).name in runs and "unfinished" in runs
    term.type(f"{STOCK}:{SHOP_BUG_LINE}")
    shown = term.read_until(PROMPT)
    assert f"Round 2, with your hint: {STOCK}:{SHOP_BUG_LINE}" in shown
    assert tree_hashes(shop) == original  # nothing applied before y
    term.type("y")
    assert "Applied" in term.read_until(PROMPT)
    term.type("q")
    assert term.wait() == 0
    assert SHOP_FIX in (shop / STOCK).read_text(encoding="utf-8")
    changed = {p for p, h in tree_hashes(shop).items() if original.get(p) != h}
    assert changed == {STOCK}


@STYLES
def test_ctrl_c_at_the_prompt_changes_nothing(tmp_path: Path, terminals: list[Terminal],
                                              no_color: str) -> None:
    project = copy_example("invoicing", tmp_path)
    original = tree_hashes(project)
    term = start(terminals, project, no_color=no_color)
    assert at_prompt(term).startswith("#1 of ")
    term.type("d")  # a command first: the prompt is live, and history has a line
    at_prompt(term)
    # A person's pause: under NO_COLOR the prompt is input()'s, and a SIGINT that lands
    # between its prompt and its read() is only seen at the next Enter (CPython's input()).
    time.sleep(0.5)
    term.press(b"\x03")
    code = term.wait()
    assert code == 130, term.output
    assert "your files were not changed" in term.output
    assert tree_hashes(project) == original
    assert not (project / ".homeostasis" / "undo").exists()
    if not no_color:  # prompt_toolkit's history, kept from the project's first run on
        history = (project / ".homeostasis" / "history").read_text(encoding="utf-8")
        assert "\n+d\n" in history


def test_ctrl_c_during_a_round_a_hint_started_changes_nothing(
        shop: Path, terminals: list[Terminal]) -> None:
    original = tree_hashes(shop)
    term = start(terminals, shop, no_color="1")
    assert at_prompt(term) == "no fix"
    term.type(f"{STOCK}:{SHOP_BUG_LINE}")
    term.read_until("Round 2, with your hint")
    term.press(b"\x03")
    assert term.wait() == 130, term.output
    assert term.output.rstrip().endswith("homeostasis: interrupted; your files were not changed")
    assert tree_hashes(shop) == original
    run = only_run(shop)
    assert not (run / "outcome.json").exists()  # unfinished: it can be resumed
    assert read_json(run / "run.json")["hints"] == [f"{STOCK}:{SHOP_BUG_LINE}"]


def assert_applied_and_recorded(project: Path, original: dict[str, str]) -> str:
    """The fix is in the files and the run's records say applied; ``homeostasis fix
    --resume`` refuses the run. Returns what the run's last line says when it tells it."""
    assert {p for p, h in tree_hashes(project).items() if original.get(p) != h} == {PRICING}
    assert INVOICING_FIX in (project / PRICING).read_text(encoding="utf-8")
    run = only_run(project)
    outcome = read_json(run / "outcome.json")
    assert outcome["status"] == "applied" and outcome["files"] == [PRICING]
    assert "**Outcome:** applied" in (run / "report.md").read_text(encoding="utf-8")
    refused = run_cli("fix", project, "--resume", run.name)
    assert refused.returncode == 2 and "applied a fix" in refused.stderr
    return (f"the fix {outcome['candidate_id']} stays applied ({PRICING}); homeostasis undo "
            "puts the old bytes back")


@STYLES
def test_ctrl_c_while_the_applied_fix_is_tested_again_keeps_it_and_says_so(
        tmp_path: Path, terminals: list[Terminal], no_color: str) -> None:
    project = copy_example("invoicing", tmp_path)
    # a slow suite: `t` runs it, and the Ctrl-C lands while it runs
    (project / "tests" / "test_slow.py").write_text(
        "import time\n\n\ndef test_slow():\n    time.sleep(4)\n", encoding="utf-8")
    original = tree_hashes(project)
    term = start(terminals, project, "--candidates", "2", no_color=no_color)
    at_prompt(term)
    term.type("y")
    assert "Applied" in term.read_until(PROMPT)
    term.type("t")
    term.read_until("again…")
    time.sleep(0.5)
    term.press(b"\x03")
    assert term.wait() == 130, term.output
    last = term.output.rstrip().splitlines()[-1]
    assert last == "homeostasis: interrupted; " + assert_applied_and_recorded(project, original)


@pytest.mark.parametrize("how", ["SIGTERM", "hang-up"])
def test_a_signal_at_the_prompt_after_an_apply_stops_with_the_fix_recorded(
        tmp_path: Path, terminals: list[Terminal], how: str) -> None:
    """A supervisor's SIGTERM or a closed terminal is not the person's "leave": the run
    stops with the signal's exit code, the fix applied and recorded as such."""
    project = copy_example("invoicing", tmp_path)
    original = tree_hashes(project)
    term = start(terminals, project, no_color="1")
    at_prompt(term)
    term.type("y")
    assert "Applied" in term.read_until(PROMPT)
    time.sleep(0.5)  # (see test_ctrl_c_at_the_prompt_changes_nothing: input()'s window)
    if how == "SIGTERM":
        term.proc.send_signal(signal.SIGTERM)
        assert term.wait() == 143, term.output
        last = term.output.rstrip().splitlines()[-1]
        assert last == "homeostasis: stopped by SIGTERM; " + assert_applied_and_recorded(
            project, original)
    else:
        assert term.hang_up() == 129  # (the terminal is gone: nobody to tell)
        assert_applied_and_recorded(project, original)
