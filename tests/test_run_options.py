"""The run options ``fix``, ``ci`` and ``watch`` share (``homeostasis.commands.run_options``):
which ones each command takes, that each given on the command line reaches the settings with
its type, that a help text's default is the settings' default, and that ``homeostasis --help``
still loads none of the heavy modules."""

from __future__ import annotations

import argparse
import dataclasses
import re
import subprocess
import sys
from typing import Any

import pytest
from homeostasis.cli import build_parser
from homeostasis.commands.run_options import RUN_OPTIONS, add_run_options, run_flags
from homeostasis.core.config import Settings, load_settings

#: What each command took as flags before the options were declared once (and still takes).
TAKES = {
    "fix": set(RUN_OPTIONS),
    "ci": {"test", "python", "model", "base_url", "sandbox", "max_dollars", "time_budget",
           "timeout", "test_timeout", "jobs"},
    "watch": {"test", "python", "time_budget", "jobs"},
}
DEFAULTS = {f.name: f.default for f in dataclasses.fields(Settings)}


def _given(name: str) -> tuple[list[str], Any]:
    """A command-line value for the option ``name`` and the setting it should give."""
    option = RUN_OPTIONS[name]
    if option.more.get("action") == "store_const":
        return [option.flag], option.more["const"]
    if "choices" in option.more:
        choice = option.more["choices"][-1]
        return [option.flag, choice], choice
    kind = option.more.get("type", str)
    value = {int: 7, float: 7.5, str: f"given-{name}"}[kind]
    return [option.flag, str(value)], value


def test_every_run_option_is_a_setting_and_every_default_in_its_help_is_the_settings() -> None:
    named = 0
    for name, option in RUN_OPTIONS.items():
        assert name in DEFAULTS, name
        assert option.flag.lstrip("-").replace("-", "_") in (name, f"no_{name}"), name
        said = re.search(r"\((\w+)[;)]", option.help)  # "(2)", "(local; auto: …)"
        if said:
            named += 1
            default = DEFAULTS[name]
            shown = f"{default:g}" if isinstance(default, int | float) else str(default)
            assert said.group(1) == shown, name
    assert named >= 8  # jobs, timeout, test_timeout, time_budget, enough, sbfl, sandbox, rounds


@pytest.mark.parametrize("command", sorted(TAKES))
def test_each_command_takes_its_run_options_and_they_reach_the_settings(command: str) -> None:
    argv = [command]
    expected = {}
    for name in sorted(TAKES[command]):
        words, value = _given(name)
        argv += words
        expected[name] = value
    args = build_parser().parse_args(argv)

    flags = run_flags(args)
    assert set(flags) == TAKES[command]
    settings = load_settings(None, {}, flags)
    assert {name: getattr(settings, name) for name in expected} == expected
    # Not given: None, so [tool.homeostasis] and HOMEOSTASIS_* decide.
    assert set(run_flags(build_parser().parse_args([command])).values()) == {None}


def test_ci_adds_what_its_untrusted_runs_change_to_the_shared_help() -> None:
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {command: {a.dest: a.help for a in sub.choices[command]._actions}
             for command in TAKES}
    for name in ("test", "jobs", "time_budget"):
        assert helps["fix"][name] == helps["ci"][name] == helps["watch"][name] == \
            RUN_OPTIONS[name].help
    assert helps["ci"]["model"] == RUN_OPTIONS["model"].help + "; never used for untrusted code"
    assert helps["fix"]["model"] == RUN_OPTIONS["model"].help


def test_a_note_for_an_option_not_taken_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="max_calls"):
        add_run_options(argparse.ArgumentParser(), ("jobs",), notes={"max_calls": "never"})


def test_help_loads_no_heavy_module() -> None:
    heavy = ("homeostasis.loop", "homeostasis.search", "homeostasis.propose", "rich",
             "prompt_toolkit", "openai", "anthropic", "tree_sitter", "docker", "tiktoken")
    code = ("import contextlib, io, sys\nfrom homeostasis.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
            "    main(['--help'])\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r} "
            f"or m.startswith({heavy[:3]!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]", done.stdout
