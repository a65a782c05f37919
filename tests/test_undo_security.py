"""``homeostasis undo`` against records it did not write: a record committed into the repository
under ``.homeostasis/undo/`` must never write outside the project, and never win over the
user's own fix as "the latest"."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from pathlib import Path

import pytest
from helpers import TRACEBACK, write_files
from homeostasis.cli import main
from homeostasis.core.errors import DeployError
from homeostasis.tools.deploy.ledger import remember
from homeostasis.tools.deploy.worktree import UNDO_DIR, apply_fix, latest_undo, undo_fix
from homeostasis.tools.sandbox.snapshot import Snapshot

OPS = b"def add(a, b):\n    return a - b\n"
OPS_FIXED = "def add(a, b):\n    return a + b\n"
VICTIM = b"the user's own file, outside the project\n"


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This machine's record of the undo records it wrote, kept out of the real home."""
    monkeypatch.setenv("HOMEOSTASIS_STATE_DIR", str(tmp_path / "state"))
    return tmp_path / "state"


def _project(tmp_path: Path) -> Path:
    return write_files(tmp_path / "proj", {"a.py": OPS})


def _plant(root: Path, name: str, files: dict[str, bytes]) -> Path:
    """A record as an attacker commits it: each path restored to ``files[path]``, its
    ``applied_sha256`` set to what the target holds now, so the record looks applied."""
    entries = {}
    for path, payload in files.items():
        target = Path(path) if Path(path).is_absolute() else root / path
        entries[path] = {"original": base64.b64encode(payload).decode(),
                         "applied_sha256": hashlib.sha256(target.read_bytes()).hexdigest()}
    record = root / UNDO_DIR / f"{name}.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps({"run_id": name, "files": entries}), encoding="utf-8")
    return record


def _escapes(tmp_path: Path, root: Path) -> dict[str, str]:
    """Paths in a record that each name the victim file outside the project."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(VICTIM)
    os.symlink(tmp_path, root / "link")
    return {"dotdot": "../victim.txt", "absolute": str(victim), "symlink": "link/victim.txt"}


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink"])
def test_a_planted_record_never_writes_outside_the_project(tmp_path: Path, kind: str) -> None:
    root = _project(tmp_path)
    path = _escapes(tmp_path, root)[kind]
    record = _plant(root, "planted", {path: b"pwned\n"})
    with pytest.raises(DeployError, match="nothing was undone"):
        undo_fix(root, "planted", force=True)
    assert (tmp_path / "victim.txt").read_bytes() == VICTIM
    assert record.is_file()


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink"])
def test_a_record_in_the_ledger_is_still_path_checked(tmp_path: Path, kind: str) -> None:
    # Even a record this machine's ledger lists is checked path by path before any write.
    root = _project(tmp_path)
    path = _escapes(tmp_path, root)[kind]
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, Snapshot.take(root, tmp_path / "s").hashes)
    record = root / UNDO_DIR / "run-1.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"][path] = data["files"].pop("a.py")
    record.write_text(json.dumps(data), encoding="utf-8")
    remember("run-1", record.read_bytes())
    with pytest.raises(DeployError, match="edits a file outside the project"):
        undo_fix(root, "run-1", force=True)
    assert (tmp_path / "victim.txt").read_bytes() == VICTIM
    assert (root / "a.py").read_bytes() == OPS_FIXED.encode()


def test_a_planted_record_does_not_win_over_the_users_fix(tmp_path: Path) -> None:
    root = _project(tmp_path)
    write_files(root, {"b.py": b"b = 1\n"})
    apply_fix(root, "20260101-000000-aaaa", {"a.py": OPS_FIXED},
              Snapshot.take(root, tmp_path / "s").hashes)
    # The highest file name there is, restoring b.py to the attacker's bytes.
    _plant(root, "zzzz-planted", {"b.py": b"import os; os.system('evil')\n"})
    assert latest_undo(root) == root / UNDO_DIR / "20260101-000000-aaaa.json"
    assert undo_fix(root) == ("20260101-000000-aaaa", ["a.py"])
    assert (root / "a.py").read_bytes() == OPS
    assert (root / "b.py").read_bytes() == b"b = 1\n"
    with pytest.raises(DeployError, match="no applied fix to undo"):
        undo_fix(root)
    assert (root / "b.py").read_bytes() == b"b = 1\n"


def test_a_record_changed_after_it_was_written_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path)
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, Snapshot.take(root, tmp_path / "s").hashes)
    record = root / UNDO_DIR / "run-1.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["files"]["a.py"]["original"] = base64.b64encode(b"evil = 1\n").decode()
    record.write_text(json.dumps(data), encoding="utf-8")
    assert latest_undo(root) is None
    with pytest.raises(DeployError, match="not written by Homeostasis on this machine"):
        undo_fix(root, "run-1")
    assert (root / "a.py").read_bytes() == OPS_FIXED.encode()


def test_undo_of_a_planted_record_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    _plant(root, "planted", {_escapes(tmp_path, root)["dotdot"]: b"pwned\n"})
    assert main(["undo", str(root), "--run", "planted", "--force"]) == 1
    err = capsys.readouterr().err
    assert TRACEBACK not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("homeostasis: error: ") and "planted" in err
    assert (tmp_path / "victim.txt").read_bytes() == VICTIM


def test_no_fix_is_applied_when_the_ledger_cannot_be_written(
    tmp_path: Path, state_dir: Path
) -> None:
    state_dir.write_text("a file where the state folder should be\n", encoding="utf-8")
    root = _project(tmp_path)
    with pytest.raises(DeployError, match="the fix was not applied"):
        apply_fix(root, "run-1", {"a.py": OPS_FIXED}, Snapshot.take(root, tmp_path / "s").hashes)
    assert (root / "a.py").read_bytes() == OPS
    assert not (root / UNDO_DIR / "run-1.json").exists()
