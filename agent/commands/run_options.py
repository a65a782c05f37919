"""The options of a repair run, declared once for every command that takes them (``fix``,
``ci``, ``watch``): each one's flag, type and help text. Each is the
:class:`~homeostasis.core.config.Settings` key of its name (its ``dest``) and is None unless
given, so ``[tool.homeostasis]`` and ``HOMEOSTASIS_*`` fill in the rest; the numbers in
parentheses in the help texts are ``Settings``' defaults.

A command says which ones it takes and where in its help they go
(:func:`add_run_options`), adds a note to one whose meaning is wider for it (``ci``: the model
is never used for untrusted code), and reads back the ones given (:func:`run_flags`). Only
argparse is imported: ``homeostasis --help`` builds every command's parser.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class RunOption:
    """One option: its flag, its help text, and the rest of what ``add_argument`` takes
    (type, metavar, choices, action)."""

    flag: str
    help: str
    more: Mapping[str, Any] = field(default_factory=dict)


def _option(flag: str, help: str, **more: Any) -> RunOption:
    return RunOption(flag, help, more)


#: Every run option, by its settings key.
RUN_OPTIONS: Mapping[str, RunOption] = {
    "test": _option("--test", "test command (default: python -m pytest)", metavar="CMD"),
    "python": _option("--python", "the project's interpreter or virtual environment (default: "
                                  "found from $VIRTUAL_ENV, .venv, uv, Poetry, Hatch, tox, nox)",
                      metavar="PATH"),
    "model": _option("--model", "model backend, e.g. openai:gpt-4o-mini or mock:replies.json "
                                "(default: offline engine)", metavar="SPEC"),
    "jobs": _option("--jobs", "candidates tried at once (2)", type=int, metavar="N"),
    "timeout": _option("--timeout", "seconds the test suite may run before it counts as "
                                    "hanging (300)", type=float, metavar="S"),
    "test_timeout": _option("--test-timeout", "seconds one test may run before it is stopped "
                                              "as hanging (30)", type=float, metavar="S"),
    "time_budget": _option("--time-budget", "seconds the offline engine may spend trying "
                                            "candidates (60)", type=float, metavar="S"),
    "candidates": _option("--candidates", "most candidates to try (no limit but the time "
                                          "budget)", type=int, metavar="N"),
    "enough": _option("--enough", "stop after this many plausible fixes (3)", type=int,
                      metavar="N"),
    "sbfl": _option("--sbfl", "coverage-based fault localisation (auto)",
                    choices=("auto", "always", "never")),
    "sandbox": _option("--sandbox", "where the project's code runs (local; auto: Docker when "
                                    "it answers)", choices=("local", "docker", "auto")),
    "base_url": _option("--base-url", "an OpenAI-compatible server, e.g. "
                                      "http://localhost:8000/v1", metavar="URL"),
    "record": _option("--record", "save every model request and reply here (replay with "
                                  "replay:DIR)", metavar="DIR"),
    "cache": _option("--no-cache", "always ask the model, never the local cache",
                     action="store_const", const=False),
    "cascade": _option("--no-cascade", "ask the model straight away, not only when the "
                                       "offline engine fails",
                       action="store_const", const=False),
    "rounds": _option("--rounds", "model rounds; later ones show it why a candidate failed "
                                  "(2)", type=int, metavar="N"),
    "max_dollars": _option("--max-dollars", "spending limit per run", type=float,
                           metavar="USD"),
    "max_tokens_total": _option("--max-tokens-total", "token limit per run", type=int,
                                metavar="N"),
    "max_calls": _option("--max-calls", "model call limit per run", type=int, metavar="N"),
    "price_input": _option("--price-input", "the model's price per million prompt tokens "
                                            "(for --max-dollars)", type=float, metavar="USD"),
    "price_output": _option("--price-output", "the model's price per million reply tokens "
                                              "(for --max-dollars)", type=float, metavar="USD"),
}


class _Container(Protocol):
    """A parser, or one of its argument groups."""

    def add_argument(self, *name_or_flags: str, **kwargs: Any) -> argparse.Action: ...


def add_run_options(parser: _Container, names: Iterable[str],
                    notes: Mapping[str, str] | None = None) -> None:
    """Add the run options ``names`` (settings keys, in the order given) to ``parser`` or an
    argument group of it; ``notes`` adds a clause to an option's help, for what it means
    more in this command."""
    names = tuple(names)
    notes = notes or {}
    if set(notes) - set(names):
        raise ValueError(f"notes for run options not added: {sorted(set(notes) - set(names))}")
    for name in names:
        option = RUN_OPTIONS[name]
        note = f"; {notes[name]}" if name in notes else ""
        parser.add_argument(option.flag, dest=name, help=option.help + note, **option.more)


def run_flags(args: argparse.Namespace) -> dict[str, Any]:
    """The run options the command's parser took, by settings key (None: not given), for
    :func:`homeostasis.core.config.load_settings`."""
    return {name: getattr(args, name) for name in RUN_OPTIONS if hasattr(args, name)}
