"""Settings: ``[tool.homeostasis]`` in the project's pyproject.toml, then ``HOMEOSTASIS_*``
environment variables, then command-line flags — each overriding the one before. Unknown keys
in the file are an error, so a typo never passes silently."""

from __future__ import annotations

import dataclasses
import math
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.errors import UsageError


@dataclass(frozen=True)
class Settings:
    test: str | None = None
    """The test command; default: ``python -m pytest``, where a bare ``python`` is the
    project's interpreter."""
    python: str | None = None
    """The project's interpreter (a path, or its virtual environment's folder); default: the
    one its environment tools use (see ``homeostasis.tools.observe.interpreter``)."""
    jobs: int = 2
    """Candidates tried at once."""
    timeout: float = 300.0
    """Seconds the whole test suite may take before it counts as hanging."""
    test_timeout: float = 30.0
    """Seconds one test may take (pytest) before it is stopped and counts as failing; a
    candidate's tests get less, from how long the tests took before repair."""
    time_budget: float = 60.0
    """Seconds the offline engine may spend trying candidates: no new one starts after that
    (a model's tier is bounded by its own limits and ``rounds``)."""
    candidates: int | None = None
    """The most candidates proposed and tried in one run; none: as many as the time budget
    allows."""
    enough: int = 3
    """Stop trying new candidates once this many are plausible."""
    model: str | None = None
    """A model spec such as ``mock:replies.json``; none means the offline engine."""
    samples: int = 3
    """Replies asked of a model per request."""
    base_url: str | None = None
    """The address of an OpenAI-compatible server (vLLM, Ollama, llama.cpp…) or a proxy."""
    record: str | None = None
    """A folder to save every model request and reply in, for ``--model replay:DIR``."""
    cache: bool = True
    """Answer identical model requests from the local cache."""
    cascade: bool = True
    """With a model: run the offline engine first and ask the model only if it finds nothing."""
    rounds: int = 2
    """Model rounds: after the first, the best failed candidates' test output goes back to the
    model for another try."""
    max_dollars: float | None = None
    """The most one run may spend on model calls."""
    max_tokens_total: int | None = None
    """The most model tokens (prompt and reply) one run may use."""
    max_calls: int | None = None
    """The most model calls one run may make."""
    price_input: float | None = None
    """The model's price in dollars per million prompt tokens, for a model the price table
    lacks (or to override it); with ``price_output``."""
    price_output: float | None = None
    """The model's price in dollars per million reply tokens; with ``price_input``."""
    sbfl: str = "auto"
    """Coverage-based fault localisation: ``auto`` (when tracebacks don't point at project
    code), ``always`` or ``never``."""
    context_tokens: int = 6000
    """Token budget for the source shown to a proposer."""
    sandbox: str = "local"
    """Where the project's code runs: ``local``, ``docker`` or ``auto`` (Docker when an engine
    answers, else local, saying so)."""
    sandbox_image: str | None = None
    """A Docker image of the project's own to run in, instead of the one
    ``homeostasis sandbox build`` makes."""
    sandbox_dockerfile: str | None = None
    """A Dockerfile of the project's (relative to its root) that builds its sandbox image."""
    sandbox_env: str | None = None
    """Comma-separated names of host environment variables passed into the sandbox (Docker
    passes none unless named)."""
    memory_mb: int = 2048
    """Memory one test run may use."""
    pids: int = 256
    """Processes and threads one test run may have."""
    disk_mb: int = 1024
    """What one test run may write (Docker: the workspace's size; local: any one file)."""
    output_mb: int = 16
    """Output kept from one test run; a run that prints more is stopped."""
    protected: str | None = None
    """Project files candidates may not edit besides the tests and CI configuration,
    comma-separated (an eval instance's ``test_patch`` files)."""
    executor: str = "pool"
    """Where ``homeostasis eval`` runs its instances: ``pool`` (processes on this machine) or
    ``ray`` (tasks on a Ray cluster)."""
    ray_address: str | None = None
    """The Ray cluster ``eval --executor ray`` uses (default: ``$RAY_ADDRESS``, else a local
    Ray started for the eval)."""
    watch_policy: str = "ask"
    """What ``homeostasis watch`` does with a fix: ``ask`` (on a terminal; elsewhere only
    report), ``auto`` (apply and hot-swap it), ``report`` (never apply) or ``pr`` (a branch
    and a pull request)."""
    health_window: float = 30.0
    """Seconds ``homeostasis watch`` watches a hot-swapped fix before it counts as healthy."""

    def protected_paths(self) -> frozenset[str]:
        """:attr:`protected` as a set of project paths."""
        return frozenset(p.strip() for p in (self.protected or "").split(",") if p.strip())


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(key: str, value: Any, origin: str) -> Any:
    kind = str(_FIELDS[key].type).removesuffix(" | None")
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise UsageError(f"{origin}: {key} must be true or false, not {value!r}")
    if kind in ("int", "float"):
        return positive(key, value, kind, origin)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{origin}: {key} must be a string, not {value!r}")
    if key == "sbfl" and value not in ("auto", "always", "never"):
        raise UsageError(f"{origin}: sbfl must be auto, always or never, not {value!r}")
    if key == "executor" and value not in ("pool", "ray"):
        raise UsageError(f"{origin}: executor must be pool or ray, not {value!r}")
    if key == "watch_policy" and value not in ("ask", "auto", "report", "pr"):
        raise UsageError(f"{origin}: watch_policy must be ask, auto, report or pr, "
                         f"not {value!r}")
    if key == "sandbox" and value not in ("local", "docker", "auto"):
        raise UsageError(f"{origin}: sandbox must be local, docker or auto, not {value!r}")
    return None if value in (None, "") else str(value)


def positive(key: str, value: Any, kind: str, origin: str) -> Any:
    """``value`` as a positive ``int`` or a finite positive ``float`` (``kind``); a
    :class:`UsageError` naming ``key`` and where it came from (``origin``) otherwise."""
    try:
        if isinstance(value, bool):
            raise ValueError
        if kind == "int":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            number = int(value)
            if number < 1:
                raise ValueError
            return number
        seconds = float(value)
        if not 0 < seconds < math.inf:  # also rejects nan
            raise ValueError
        return seconds
    except (TypeError, ValueError, OverflowError):
        raise UsageError(f"{origin}: {key} must be a positive {kind}, not {value!r}") from None


def file_settings(root: Path) -> dict[str, Any]:
    """The ``[tool.homeostasis]`` table of ``root/pyproject.toml`` (empty when absent)."""
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        tool = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path.name} is not valid TOML: {exc}") from None
    table = tool.get("homeostasis", {}) if isinstance(tool, dict) else tool
    if not isinstance(table, dict):
        raise UsageError(f"{path.name}: tool.homeostasis must be a table, not {table!r}",
                         "write the settings under a [tool.homeostasis] header")
    unknown = sorted(set(table) - set(_FIELDS))
    if unknown:
        raise UsageError(
            f"unknown key {unknown[0]!r} in [tool.homeostasis]",
            f"valid keys: {', '.join(_FIELDS)}",
        )
    return dict(table)


def load_settings(
    root: Path | None, environ: Mapping[str, str], flags: Mapping[str, Any],
    file_keys: Collection[str] | None = None,
) -> Settings:
    """Settings for a run on ``root`` (None: no project file is read; ``file_keys``: only
    those keys are taken from it); ``flags`` holds only the options given on the command line
    (None values are ignored)."""
    values: dict[str, Any] = {}
    in_file = file_settings(root) if root is not None else {}
    layers = (
        ("[tool.homeostasis]", {k: v for k, v in in_file.items()
                                if file_keys is None or k in file_keys}),
        ("environment", {
            k: environ[f"HOMEOSTASIS_{k.upper()}"]
            for k in _FIELDS if f"HOMEOSTASIS_{k.upper()}" in environ
        }),
        ("command line", {k: v for k, v in flags.items() if v is not None}),
    )
    for origin, layer in layers:
        for key, value in layer.items():
            values[key] = _coerce(key, value, origin)
    return Settings(**values)
