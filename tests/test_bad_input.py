"""Ordinary bad input given to the real CLI: each is a one-line error with the documented exit
code (2: arguments or configuration; 1: the project cannot be worked on as given), never an
internal error (exit 70) with a traceback saved to a crash log."""

from __future__ import annotations

import json
import os
import re
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CALC_PROJECT, TRACEBACK, write_project
from homeostasis.cli import main
from homeostasis.core.errors import HomeostasisError

F2P = ["tests/test_ops.py::test_add"]


@pytest.fixture(autouse=True)
def _quiet_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No HOMEOSTASIS_* settings from outside, and temp files (crash logs) in ``tmp_path``."""
    for name in [n for n in os.environ if n.startswith("HOMEOSTASIS_")]:
        monkeypatch.delenv(name)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def _assert_one_line_error(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str], tmp_path: Path, *words: str
) -> None:
    """``homeostasis ARGV`` exits ``code`` with one ``homeostasis: error:`` line naming
    ``words``, no traceback and no crash log."""
    assert main(argv) == code, capsys.readouterr()
    err = capsys.readouterr().err
    assert TRACEBACK not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("homeostasis: error: "), err
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert not list((tmp_path / "tmp").glob("homeostasis-crash-*"))


def _instances(tmp_path: Path, instance_id: str = "calc-1") -> Path:
    write_project(tmp_path / "calc", CALC_PROJECT)
    path = tmp_path / "instances.jsonl"
    entry = {"instance_id": instance_id, "path": "calc", "FAIL_TO_PASS": F2P}
    path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("workers", ["0", "-1"])
def test_eval_workers_must_be_positive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    argv = ["eval", str(_instances(tmp_path)), "--out", str(tmp_path / "out"),
            "--workers", workers]
    _assert_one_line_error(argv, 2, capsys, tmp_path, "workers", workers)


def test_eval_out_must_not_be_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.txt"
    out.write_text("mine\n", encoding="utf-8")
    argv = ["eval", str(_instances(tmp_path)), "--out", str(out)]
    _assert_one_line_error(argv, 2, capsys, tmp_path, str(out))
    assert out.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("instance_id", ["a/b", "../escape", "..", ""])
def test_an_instance_id_must_be_a_plain_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], instance_id: str
) -> None:
    argv = ["eval", str(_instances(tmp_path, instance_id)), "--out", str(tmp_path / "out")]
    _assert_one_line_error(argv, 2, capsys, tmp_path, "instances.jsonl:1", "instance_id")
    assert not (tmp_path / "out").exists()


def _eval_argv(tmp_path: Path, model: str) -> list[str]:
    return ["eval", str(_instances(tmp_path)), "--out", str(tmp_path / "out"), "--model", model]


def _fix_argv(tmp_path: Path, model: str) -> list[str]:
    return ["fix", str(write_project(tmp_path / "p", CALC_PROJECT)), "--dry-run",
            "--model", model]


@pytest.mark.parametrize("argv_of", [_fix_argv, _eval_argv], ids=["fix", "eval"])
def test_an_unknown_model_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv_of: Callable[[Path, str], list[str]],
) -> None:
    # eval says so once, before any instance runs, not once per instance with exit 0.
    _assert_one_line_error(argv_of(tmp_path, "nosuch:x"), 2, capsys, tmp_path, "nosuch")
    assert not (tmp_path / "out" / "results.jsonl").exists()


@pytest.mark.parametrize("argv_of", [_fix_argv, _eval_argv], ids=["fix", "eval"])
def test_a_model_path_that_is_not_a_class_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    argv_of: Callable[[Path, str], list[str]],
) -> None:
    _assert_one_line_error(argv_of(tmp_path, "os.path"), 2, capsys, tmp_path, "os.path")


@pytest.mark.parametrize("table", ["[tool]\nhomeostasis = 5\n", "tool = 5\n",
                                   "[tool]\nhomeostasis = [1, 2]\n"])
def test_tool_homeostasis_must_be_a_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str
) -> None:
    project = write_project(tmp_path / "p", {**CALC_PROJECT, "pyproject.toml": table})
    _assert_one_line_error(["fix", str(project), "--dry-run"], 2, capsys, tmp_path,
                           "tool.homeostasis", "table")


def test_a_homeostasis_file_in_the_project_is_a_project_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path / "p", {**CALC_PROJECT, ".homeostasis": "mine\n"})
    _assert_one_line_error(["fix", str(project), "--yes"], 1, capsys, tmp_path, ".homeostasis")
    assert (project / ".homeostasis").read_text(encoding="utf-8") == "mine\n"
    assert (project / "calc/ops.py").read_text(encoding="utf-8") == CALC_PROJECT["calc/ops.py"]


def _error_classes(cls: type[HomeostasisError]) -> list[type[HomeostasisError]]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _error_classes(child))]


def test_help_lists_every_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = {int(code) for code in re.findall(r"^  (\d+) ", capsys.readouterr().out, re.M)}
    errors = {cls.exit_code for cls in _error_classes(HomeostasisError)}
    signals = {128 + signum for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    assert listed == {0, 70} | errors | signals


def test_a_price_on_the_command_line_makes_a_dollar_limit_bind(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # without a price the run refuses to start; with one from the flags it gets past the model
    from homeostasis.cli import main

    args = ["fix", str(tmp_path), "--model", "openai:local-llama", "--base-url",
            "http://127.0.0.1:9/v1", "--max-dollars", "1"]
    assert main(args) == 2
    assert "no price known" in capsys.readouterr().err
    assert main([*args, "--price-input", "0.5", "--price-output", "1.5"]) != 2
    assert "no price known" not in capsys.readouterr().err
