"""load_settings: defaults, then [tool.homeostasis], then HOMEOSTASIS_* env, then flags."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from homeostasis.core.config import Settings, file_settings, load_settings
from homeostasis.core.errors import UsageError


def _project(tmp_path: Path, toml: str | None) -> Path:
    if toml is not None:
        (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    return tmp_path


FILE = """\
[project]
name = "demo"

[tool.homeostasis]
test = "pytest -q tests"
jobs = 4
timeout = 120
candidates = 10
enough = 1
model = "mock:replies.json"
samples = 5
sbfl = "always"
context_tokens = 3000

[tool.other]
jobs = "ignored"
"""


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    s = load_settings(tmp_path, {}, {})
    assert s == Settings()
    assert s.test is None
    assert s.jobs == 2
    assert s.timeout == 300.0
    assert s.candidates is None
    assert s.time_budget == 60.0
    assert s.test_timeout == 30.0
    assert s.enough == 3
    assert s.model is None
    assert s.samples == 3
    assert s.sbfl == "auto"
    assert s.context_tokens == 6000


def test_defaults_with_a_pyproject_lacking_the_table(tmp_path: Path) -> None:
    root = _project(tmp_path, "[project]\nname = 'demo'\n")
    assert load_settings(root, {}, {}) == Settings()
    assert file_settings(root) == {}


def test_integral_floats_and_numeric_strings_are_accepted(tmp_path: Path) -> None:
    root = _project(tmp_path, "[tool.homeostasis]\njobs = 3.0\ntimeout = 10\n")
    s = load_settings(root, {"HOMEOSTASIS_SAMPLES": " 4 "}, {})
    assert (s.jobs, s.timeout, s.samples) == (3, 10.0, 4)
    assert isinstance(s.jobs, int)


def test_file_values(tmp_path: Path) -> None:
    s = load_settings(_project(tmp_path, FILE), {}, {})
    assert s == Settings(test="pytest -q tests", jobs=4, timeout=120.0, candidates=10, enough=1,
                         model="mock:replies.json", samples=5, sbfl="always",
                         context_tokens=3000)
    assert isinstance(s.timeout, float)


def test_env_overrides_file(tmp_path: Path) -> None:
    root = _project(tmp_path, FILE)
    env = {"HOMEOSTASIS_JOBS": "7", "HOMEOSTASIS_TIMEOUT": "2.5", "HOMEOSTASIS_SBFL": "never",
           "HOMEOSTASIS_UNRELATED": "x", "JOBS": "99"}
    s = load_settings(root, env, {})
    assert s.jobs == 7
    assert s.timeout == 2.5
    assert s.sbfl == "never"
    assert s.candidates == 10  # still from the file
    assert s.test == "pytest -q tests"


def test_env_overrides_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path, {"HOMEOSTASIS_JOBS": "5", "HOMEOSTASIS_TEST": "make test"}, {})
    assert s.jobs == 5
    assert s.test == "make test"


def test_flags_override_env_and_file(tmp_path: Path) -> None:
    root = _project(tmp_path, FILE)
    env = {"HOMEOSTASIS_JOBS": "7", "HOMEOSTASIS_MODEL": "mock:env.json"}
    s = load_settings(root, env, {"jobs": 1, "model": "mock:flag.json", "samples": None})
    assert s.jobs == 1
    assert s.model == "mock:flag.json"
    assert s.samples == 5  # None flags are ignored: the file's value stays


def test_unknown_key_lists_valid_keys(tmp_path: Path) -> None:
    root = _project(tmp_path, "[tool.homeostasis]\njbos = 3\n")
    with pytest.raises(UsageError) as info:
        load_settings(root, {}, {})
    assert "jbos" in info.value.message
    for field in dataclasses.fields(Settings):
        assert field.name in info.value.hint
    assert "valid keys" in str(info.value)


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("jobs = 'many'", "jobs"),
        ("jobs = 0", "jobs"),
        ("jobs = -2", "jobs"),
        ("jobs = true", "jobs"),
        ("jobs = [2]", "jobs"),
        ("candidates = 2.5e400", "candidates"),
        ("candidates = inf", "candidates"),
        ("samples = 2.5", "samples"),
        ("timeout = true", "timeout"),
        ("timeout = nan", "timeout"),
        ("timeout = inf", "timeout"),
        ("timeout = 1e400", "timeout"),
        ("test = ['pytest', '-q']", "test"),
        ("model = 3", "model"),
        ("timeout = 0", "timeout"),
        ("timeout = 'soon'", "timeout"),
        ("timeout = -1.0", "timeout"),
        ("sbfl = 'sometimes'", "sbfl"),
    ],
)
def test_bad_value_types_in_the_file(tmp_path: Path, toml: str, key: str) -> None:
    root = _project(tmp_path, f"[tool.homeostasis]\n{toml}\n")
    with pytest.raises(UsageError) as info:
        load_settings(root, {}, {})
    assert key in str(info.value)
    assert "[tool.homeostasis]" in str(info.value)


@pytest.mark.parametrize(
    ("env", "flags", "origin"),
    [
        ({"HOMEOSTASIS_JOBS": "two"}, {}, "environment"),
        ({"HOMEOSTASIS_TIMEOUT": "-5"}, {}, "environment"),
        ({"HOMEOSTASIS_CONTEXT_TOKENS": ""}, {}, "environment"),
        ({}, {"samples": 0}, "command line"),
        ({}, {"sbfl": "yes"}, "command line"),
    ],
)
def test_bad_values_name_their_origin(
    tmp_path: Path, env: dict[str, str], flags: dict[str, object], origin: str
) -> None:
    with pytest.raises(UsageError, match=origin):
        load_settings(tmp_path, env, flags)


def test_invalid_toml(tmp_path: Path) -> None:
    root = _project(tmp_path, "[tool.homeostasis\njobs = 3\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_settings(root, {}, {})


def test_usage_errors_exit_with_code_2(tmp_path: Path) -> None:
    root = _project(tmp_path, "[tool.homeostasis]\nnope = 1\n")
    with pytest.raises(UsageError) as info:
        load_settings(root, {}, {})
    assert info.value.exit_code == 2


def test_no_project_reads_no_file_but_still_the_environment(tmp_path: Path) -> None:
    s = load_settings(None, {"HOMEOSTASIS_JOBS": "4"}, {"timeout": 9.0})
    assert (s.jobs, s.timeout, s.candidates) == (4, 9.0, Settings().candidates)
