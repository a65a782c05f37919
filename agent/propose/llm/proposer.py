"""A proposer that asks a language model for SEARCH/REPLACE edits.

One request with ``n = samples`` gives ``samples`` replies; each becomes a :class:`Candidate`.
A reply that cannot be used (malformed, truncated, or whose edits do not apply to the project)
still becomes a candidate, with no edits and ``error`` saying why, so the run can report it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from homeostasis.core.diff import diff_files
from homeostasis.core.edits import EditError, apply_edits
from homeostasis.core.project import read_source
from homeostasis.core.records import Candidate, Edit, ModelReply
from homeostasis.models.base import Completion, Message, Model, ModelRequest
from homeostasis.propose.base import RepairTask
from homeostasis.propose.llm.fit import Window, fit_task
from homeostasis.propose.llm.prompting import repair_messages, retry_message
from homeostasis.propose.llm.searchreplace import parse_edits
from homeostasis.tools.judge.guards import outside_project
from homeostasis.tools.judge.overfitting import literals_of_tests, overfit_shape

MAX_DESCRIPTION = 120

_BLOCK_START = re.compile(r"^\s*<{5,9}\s*SEARCH\s*$")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_FILE_NAME = re.compile(r"^\s*`?[\w./-]+\.\w+`?:?\s*$")


class LLMProposer:
    """Proposes the fixes a :class:`Model` writes, ``samples`` replies per request.

    ``temperature`` defaults to 0 for one sample and 0.7 for several, so samples can differ.
    """

    def __init__(
        self,
        model: Model,
        samples: int = 3,
        name: str = "llm",
        *,
        temperature: float | None = None,
        max_tokens: int = 2048,
        window: Window | None = None,
    ) -> None:
        if samples < 1:
            raise ValueError(f"samples must be at least 1, not {samples}")
        self.model = model
        self.samples = samples
        self.name = name
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.window = window
        self._ids = itertools.count(1)

    def propose(self, task: RepairTask, budget: int) -> Iterator[Candidate]:
        """Up to ``min(samples, budget)`` candidates, one per model reply, in reply order."""
        yield from self._ask(task, self._fit(task, repair_messages), min(self.samples, budget))

    def _fit(self, task: RepairTask, build: Callable[[RepairTask], tuple[Message, ...]]
             ) -> tuple[Message, ...]:
        """The messages ``build`` makes, cut to the model's window when one is known."""
        if self.window is None:
            return build(task)
        messages, _ = fit_task(task, build, self.window, self.max_tokens)
        return messages

    def retry(
        self, task: RepairTask, failed: Candidate, feedback: str, budget: int | None = None
    ) -> Iterator[Candidate]:
        """A second round: the conversation so far, the reply behind ``failed``, and a user
        turn showing its diff (or error) and the test output ``feedback``. Yields up to
        ``budget`` (default ``samples``) new candidates whose ``retry_of`` is ``failed.id``."""
        previous = (failed.reply.text if failed.reply else "") or failed.diff or "(no reply)"
        messages = self._fit(task, lambda t: (
            *repair_messages(t),
            Message("assistant", previous),
            retry_message(failed, feedback, (t.root, t.root.resolve())),
        ))
        n = self.samples if budget is None else min(self.samples, budget)
        yield from self._ask(task, messages, n, retry_of=failed.id)

    def _ask(
        self, task: RepairTask, messages: tuple[Message, ...], n: int, retry_of: str = ""
    ) -> Iterator[Candidate]:
        if n < 1:
            return
        temperature = self.temperature
        if temperature is None:
            temperature = 0.0 if n == 1 else 0.7
        request = ModelRequest(messages, n=n, temperature=temperature, max_tokens=self.max_tokens)
        for sample, completion in enumerate(self.model.complete(request)[:n]):
            reply = ModelReply(
                self.model.name, sample, completion.text, completion.finish_reason,
                completion.usage.input_tokens, completion.usage.output_tokens,
                completion.usage.cost,
            )
            yield self._candidate(task.root, completion, reply, retry_of,
                                  literals_of_tests(task.context, task.failures))

    def _candidate(self, root: Path, completion: Completion, reply: ModelReply, retry_of: str,
                   literals: frozenset[str]) -> Candidate:
        """The candidate one reply makes, or an error candidate saying why it cannot be used;
        ``literals`` are the failing tests', for spotting a special case keyed on one."""
        cid = f"m{next(self._ids):03d}"

        def failed(reason: str) -> Candidate:
            return Candidate(cid, self.name, (), "unusable model reply", error=reason,
                             reply=reply, retry_of=retry_of)

        if completion.finish_reason == "length":
            return failed("reply truncated (finish_reason=length)")
        parsed = parse_edits(completion.text)
        if parsed.errors:
            return failed("malformed reply: " + "; ".join(parsed.errors))
        if not parsed.edits:
            return failed("malformed reply: no edits")
        escape = outside_project(root, (e.path for e in parsed.edits))
        if escape:  # nothing outside the project is even read
            return failed(escape)
        old = _read_files(root, parsed.edits)
        try:
            new = apply_edits(old, parsed.edits)
        except EditError as exc:
            return failed(str(exc))
        diff = diff_files(old, new)
        if not diff:
            return failed("the edits change nothing")
        description = _description(completion.text, parsed.edits)
        return Candidate(cid, self.name, parsed.edits, description, diff=diff, reply=reply,
                         retry_of=retry_of, overfit=overfit_shape(old, new, literals))


def _read_files(root: Path, edits: Sequence[Edit]) -> dict[str, str]:
    """The current text of every file the edits touch that exists and can be read."""
    files = {}
    for path in sorted({e.path for e in edits}):
        text = read_source(root / path)
        if text is not None:
            files[path] = text
    return files


def _description(reply: str, edits: Sequence[Edit]) -> str:
    """The first line of prose before the first edit block, else the files edited."""
    paths = {e.path for e in edits}
    for line in reply.splitlines():
        if _BLOCK_START.match(line):
            break
        text = line.strip().lstrip("#*->").strip().strip("*").strip()
        if not text or _FENCE.match(line) or text.strip("`:'\" ") in paths:
            continue
        return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"
    return "model edit to " + ", ".join(sorted(paths))


def rationale(reply: str) -> str:
    """What a model said about its fix: the prose of ``reply`` before its first edit block,
    without the fences and the file name that open the block."""
    lines = reply.splitlines()
    end = next((i for i, line in enumerate(lines) if _BLOCK_START.match(line)), len(lines))
    prose = lines[:end]
    while prose and (not prose[-1].strip() or _FENCE.match(prose[-1])
                     or _FILE_NAME.match(prose[-1])):
        prose.pop()
    return "\n".join(prose).strip()

