"""A prompt is cut to the model's window before it is sent: the least suspicious source
excerpts go first, and a prompt that cannot fit at all is an error, not a request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from homeostasis.core.errors import ModelError
from homeostasis.core.records import Context, Failure, Snippet, Suspect
from homeostasis.models.mock import ScriptedModel
from homeostasis.models.tokens import TokenCounter
from homeostasis.propose.base import RepairTask
from homeostasis.propose.llm.fit import Window, fit_task
from homeostasis.propose.llm.prompting import repair_messages
from homeostasis.propose.llm.proposer import LLMProposer


class Words:
    """A stand-in tiktoken Encoding: one token per word."""

    def encode(self, text: str, disallowed_special: Any = ()) -> list[int]:
        return [0] * len(text.split())


def window(tokens: int) -> Window:
    return Window(tokens, TokenCounter("m", load=lambda _: Words()))


def excerpt(name: str, words: int) -> Snippet:
    body = " ".join(f"{name}{i}" for i in range(words))
    return Snippet(f"{name}.py", 1, 1, f"# {body}\n", "suspect", name)


@pytest.fixture
def task(tmp_path: Path) -> RepairTask:
    failure = Failure("tests/test_a.py::test_a", "AssertionError", "assert 1 == 2")
    suspects = (Suspect("first.py", 1, 0.9, "sbfl", "ran by the failing test"),)
    snippets = (excerpt("first", 50), excerpt("second", 300), excerpt("third", 300))
    return RepairTask(tmp_path, (failure,), suspects, Context(snippets, 650, 6000))


def words_of(messages: tuple[Any, ...]) -> int:
    return sum(len(m.content.split()) for m in messages)


def test_everything_is_kept_when_it_fits(task: RepairTask) -> None:
    messages, dropped = fit_task(task, repair_messages, window(100_000), 1000)
    assert dropped == 0
    assert messages == repair_messages(task)


def test_the_least_suspicious_excerpts_go_first(task: RepairTask) -> None:
    full = words_of(repair_messages(task)) + 2 * 4  # each message's framing
    messages, dropped = fit_task(task, repair_messages, window(full - 100 + 500), 500)
    assert dropped == 1
    text = messages[1].content
    assert "first0" in text and "second0" in text and "third0" not in text
    messages, dropped = fit_task(task, repair_messages, window(full - 400 + 500), 500)
    assert dropped == 2 and "second0" not in messages[1].content


def test_a_prompt_that_cannot_fit_is_an_error(task: RepairTask) -> None:
    with pytest.raises(ModelError, match="does not fit the model's window"):
        fit_task(task, repair_messages, window(300), 200)


def test_the_proposer_sends_the_cut_prompt(task: RepairTask) -> None:
    model = ScriptedModel(["no edits here"])
    full = words_of(repair_messages(task)) + 8
    proposer = LLMProposer(model, samples=1, max_tokens=500, window=window(full - 100 + 500))
    list(proposer.propose(task, 5))
    sent = model.history[0].messages[1].content
    assert "second0" in sent and "third0" not in sent
