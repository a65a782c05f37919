"""Benchmark instances: one JSON object per line, SWE-bench field names.

    {"instance_id": "parse-date-01",
     "path": "cases/parse-date-01/project",      # the buggy project; copied, never modified
     "FAIL_TO_PASS": ["tests/test_dates.py::test_leap_year"],
     "PASS_TO_PASS": ["tests/test_dates.py::test_basic"],
     "test_cmd": "python -m pytest",             # optional
     "hidden_tests": "cases/parse-date-01/hidden",  # optional, graded only
     "gold_patch": "...unified diff...",         # optional
     "category": "off-by-one",                   # optional
     "problem_statement": "Ordering ... fails"}  # optional: the issue, given to the loop

Relative paths are relative to the JSONL file. ``FAIL_TO_PASS``/``PASS_TO_PASS`` may also be
JSON-encoded strings holding a list, as in SWE-bench's own files.

SWE-bench instances load as they are when their repository is already on disk at the right
commit: with no ``path``, an instance with ``"repo": "owner/name"`` is looked for in
``repos/owner__name`` beside the JSONL file, and ``patch`` is read as the gold patch. Its
``test_patch`` is applied to the copy of the project before repair
(:mod:`homeostasis.evals.test_patch`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from homeostasis.core.errors import UsageError

_REQUIRED = ("instance_id", "FAIL_TO_PASS")
_KNOWN = frozenset({*_REQUIRED, "path", "PASS_TO_PASS", "test_cmd", "hidden_tests", "gold_patch",
                    "category", "description", "repo", "base_commit", "problem_statement",
                    "version", "environment_setup_commit", "created_at", "hints_text", "patch",
                    "test_patch"})


@dataclass(frozen=True)
class Instance:
    instance_id: str
    path: Path
    fail_to_pass: tuple[str, ...]
    pass_to_pass: tuple[str, ...] = ()
    test_cmd: str | None = None
    hidden_tests: Path | None = None
    gold_patch: str = ""
    category: str = ""
    test_patch: str = ""
    """A diff that adds the tests showing the bug (SWE-bench's): applied to the copy of the
    project before the loop runs, and read-only to candidates."""
    problem_statement: str = ""
    """The issue text (SWE-bench's field), handed to the loop as ``fix --issue`` would."""


def _id_list(value: Any, field: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise UsageError(f"{where}: {field} must be a list of test ids") from None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where}: {field} must be a list of test ids")
    return tuple(value)


def _plain_name(value: Any, where: str) -> str:
    """``value`` as an instance id, which names the instance's folders (its run records, its
    temp folder): a :class:`UsageError` unless it is a plain file name."""
    name = str(value)
    if name in ("", ".", "..") or any(c in name for c in "/\\\0"):
        raise UsageError(f"{where}: instance_id {name!r} cannot name a folder",
                         "use letters, digits, '-', '_' or '.', and no '/'")
    return name


def parse_instance(data: Any, base: Path, where: str) -> Instance:
    """One instance from its JSON object; ``where`` names it in error messages."""
    if not isinstance(data, dict):
        raise UsageError(f"{where}: expected a JSON object")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise UsageError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        raise UsageError(f"{where}: unknown field {unknown[0]!r}",
                         f"known fields: {', '.join(sorted(_KNOWN))}")
    path = data.get("path") or (
        f"repos/{str(data['repo']).replace('/', '__')}" if data.get("repo") else None)
    if not path:
        raise UsageError(f"{where}: missing path (or a SWE-bench repo)")
    f2p = _id_list(data["FAIL_TO_PASS"], "FAIL_TO_PASS", where)
    if not f2p:
        raise UsageError(f"{where}: FAIL_TO_PASS is empty")
    hidden = data.get("hidden_tests")
    return Instance(
        instance_id=_plain_name(data["instance_id"], where),
        path=(base / str(path)).resolve(),
        fail_to_pass=f2p,
        pass_to_pass=_id_list(data.get("PASS_TO_PASS", []), "PASS_TO_PASS", where),
        test_cmd=data.get("test_cmd") or None,
        hidden_tests=(base / str(hidden)).resolve() if hidden else None,
        gold_patch=str(data.get("gold_patch") or data.get("patch") or ""),
        category=str(data.get("category") or ""),
        test_patch=str(data.get("test_patch") or ""),
        problem_statement=str(data.get("problem_statement") or ""),
    )


def load_instances(path: Path) -> list[Instance]:
    """Every instance of a JSONL file, in file order. Raises :class:`UsageError` naming the
    line of the first malformed or duplicate instance."""
    if not path.is_file():
        raise UsageError(f"no such instances file: {path}")
    instances: list[Instance] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where}: not valid JSON ({exc.msg})") from None
        instance = parse_instance(data, path.parent, where)
        if instance.instance_id in seen:
            raise UsageError(f"{where}: duplicate instance_id {instance.instance_id!r}")
        seen.add(instance.instance_id)
        instances.append(instance)
    if not instances:
        raise UsageError(f"{path.name} holds no instances")
    return instances


def instance_to_json(instance: Instance) -> dict[str, Any]:
    """The instance as a JSON object with absolute paths (what a worker process reads)."""
    return {
        "instance_id": instance.instance_id,
        "path": str(instance.path),
        "FAIL_TO_PASS": list(instance.fail_to_pass),
        "PASS_TO_PASS": list(instance.pass_to_pass),
        "test_cmd": instance.test_cmd,
        "hidden_tests": str(instance.hidden_tests) if instance.hidden_tests else None,
        "gold_patch": instance.gold_patch,
        "category": instance.category,
        "test_patch": instance.test_patch,
        "problem_statement": instance.problem_statement,
    }
