"""Prompts: templates shipped in ``homeostasis.prompts`` and the helpers that fill them.

Templates use ``{{ name }}`` placeholders and :func:`render` fails loudly on a missing or an
unexpected value. Everything copied from the repository or its logs is fenced as data. A
prompt holds no absolute paths, run ids or times, so the same failure makes the same request
on any machine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

from homeostasis.core.errors import HomeostasisError
from homeostasis.core.records import Candidate, Failure, Snippet, Suspect
from homeostasis.models.base import Message
from homeostasis.propose.base import RepairTask

MAX_FAILURES = 8
MAX_SUSPECTS = 10
MAX_MESSAGE_CHARS = 2000
MAX_FEEDBACK_CHARS = 6000
MAX_ISSUE_CHARS = 6000

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_DURATION = re.compile(r"(?<=\bin )\d+(?:\.\d+)?s\b")


class PromptError(HomeostasisError):
    """A prompt template is missing, or was given the wrong values."""


def load_prompt(name: str) -> str:
    """The text of template ``name`` (``prompts/NAME.md``)."""
    try:
        return resources.files("homeostasis.prompts").joinpath(f"{name}.md").read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptError(f"cannot load prompt template {name!r}: {exc}") from None


def render(template: str, values: Mapping[str, str], name: str = "prompt") -> str:
    """``template`` with every ``{{ key }}`` replaced by ``values[key]``, in one pass (so text
    inside a value is never expanded). Raises :class:`PromptError` when a placeholder has no
    value or a value has no placeholder."""
    wanted = set(_PLACEHOLDER.findall(template))
    missing = sorted(wanted - values.keys())
    extra = sorted(values.keys() - wanted)
    if missing:
        raise PromptError(f"prompt {name!r} needs a value for: {', '.join(missing)}")
    if extra:
        raise PromptError(f"prompt {name!r} has no placeholder for: {', '.join(extra)}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def render_prompt(name: str, **values: str) -> str:
    """Template ``name`` rendered with ``values`` (see :func:`render`)."""
    return render(load_prompt(name), values, name)


def fence(text: str, info: str = "") -> str:
    """``text`` in a Markdown code fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") or not text else text + "\n"
    return f"{marks}{info}\n{body}{marks}"


def scrub(text: str, roots: Iterable[Path] = ()) -> str:
    """``text`` with the project ``roots`` made relative and test durations blanked, so it
    reads the same in every checkout and every run."""
    for root in sorted({str(r) for r in roots if str(r) not in ("", ".", "/")}, key=len)[::-1]:
        text = text.replace(root + "/", "").replace(root, ".")
    return _DURATION.sub("Xs", text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more chars)"


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def format_failures(failures: Sequence[Failure], roots: Iterable[Path] = ()) -> str:
    """Each failing test as a fenced block: id, exception type, message and the project
    frames as ``path:line in function``, innermost last."""
    roots = tuple(roots)
    blocks = []
    for failure in failures[:MAX_FAILURES]:
        kind = " (collection error)" if failure.collection_error else ""
        lines = [f"test: {failure.test_id}{kind}", f"raised: {failure.exc_type}"]
        message = _clip(scrub(failure.message.strip(), roots), MAX_MESSAGE_CHARS)
        if message:
            lines += ["message:", _indent(message)]
        frames = failure.project_frames
        if frames:
            lines.append("project frames (innermost last):")
            lines += [f"  {f.path}:{f.line} in {f.function}" for f in frames]
        blocks.append(fence("\n".join(lines), "text"))
    rest = failures[MAX_FAILURES:]
    if rest:
        blocks.append(
            f"{len(rest)} more failing tests:\n" + fence("\n".join(f.test_id for f in rest))
        )
    return "\n\n".join(blocks) if blocks else "(no failure details)"


def format_suspects(suspects: Sequence[Suspect]) -> str:
    """The most suspicious places, best first, one per line: ``path:line``, score, reason."""
    ranked = sorted(suspects, key=lambda s: (-s.score, s.path, s.line))[:MAX_SUSPECTS]
    if not ranked:
        return "(none found)"
    lines = []
    for s in ranked:
        where = f"{s.path}:{s.line}" + (f" in {s.function}" if s.function else "")
        lines.append(f"{where}  score {s.score:.2f}  {s.source}: {s.reason}")
    return fence("\n".join(lines), "text")


def number_lines(text: str, start: int, width: int = 4) -> str:
    """``text`` with each line prefixed by its number: ``  42 | code``."""
    width = max(width, len(str(start + text.count("\n"))))
    return "\n".join(
        f"{n:>{width}} | {line}".rstrip() for n, line in enumerate(text.splitlines(), start)
    )


def format_snippets(snippets: Sequence[Snippet]) -> str:
    """Each snippet under a ``path lines A-B`` heading, fenced, with line numbers."""
    if not snippets:
        return "(no source excerpts)"
    blocks = []
    for s in snippets:
        label = f"{s.kind}: {s.name}" if s.name else s.kind
        blocks.append(
            f"{s.path} lines {s.start}-{s.end} ({label})\n"
            + fence(number_lines(s.text, s.start), "python")
        )
    return "\n\n".join(blocks)


def format_hints(hints: Sequence[str]) -> str:
    """The section holding the developer's own words (each hint on one line), or nothing when
    there are none. They are the user's, not the repository's: not fenced as data."""
    said = [" ".join(h.split()) for h in hints if h.strip()]
    if not said:
        return ""
    return render_prompt("hints_user", hints="\n".join(f"- {h}" for h in said))


def format_issue(issue: str, roots: Iterable[Path] = ()) -> str:
    """The section quoting an issue or bug report as data, or nothing when there is none."""
    text = _clip(scrub(issue.strip(), roots), MAX_ISSUE_CHARS)
    return render_prompt("issue_user", issue=fence(text, "text")) if text else ""


def repair_messages(task: RepairTask) -> tuple[Message, ...]:
    """The system and user messages that ask a model to repair ``task``."""
    roots = (task.root, task.root.resolve())
    user = render_prompt(
        "repair_user",
        failures=format_failures(task.failures, roots),
        suspects=format_suspects(task.suspects),
        snippets=format_snippets(task.context.snippets),
        issue=format_issue(task.issue, roots),
        hints=format_hints(task.hints),
    )
    return Message("system", render_prompt("repair_system")), Message("user", user)


def retry_message(failed: Candidate, feedback: str, roots: Iterable[Path] = ()) -> Message:
    """The user message telling a model that ``failed`` did not work and why: its diff (or
    why it could not be used) and the test output ``feedback``."""
    if failed.diff:
        attempt = "Your edit made this change:\n\n" + fence(failed.diff, "diff")
    else:
        reason = failed.error or "it changed nothing"
        attempt = "Your edit could not be used:\n\n" + fence(reason, "text")
    output = _clip(scrub(feedback.strip(), roots), MAX_FEEDBACK_CHARS) or "(no output)"
    return Message(
        "user", render_prompt("retry_user", attempt=attempt, feedback=fence(output, "text"))
    )
