"""apply_fix / undo_fix on a real tree: exact bytes, encodings, modes, all or nothing."""

from __future__ import annotations

import json
import os
import signal
import stat
from pathlib import Path
from typing import Any

import pytest
from helpers import write_files
from homeostasis.core.errors import DeployError
from homeostasis.core.project import read_source
from homeostasis.tools.deploy.worktree import (
    UNDO_DIR,
    applied_fix,
    apply_fix,
    latest_undo,
    undo_fix,
)
from homeostasis.tools.sandbox.snapshot import Snapshot

OPS = b"def add(a, b):\n    return a - b\n"
OPS_FIXED = "def add(a, b):\n    return a + b\n"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This machine's ledger of undo records, kept out of the real home."""
    monkeypatch.setenv("HOMEOSTASIS_STATE_DIR", str(tmp_path / "state"))


def _project(tmp_path: Path, files: dict[str, bytes]) -> Path:
    return write_files(tmp_path / "proj", files)


def _hashes(root: Path, tmp_path: Path) -> dict[str, str]:
    return dict(Snapshot.take(root, tmp_path / "snap").hashes)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` outside .homeostasis, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".homeostasis" not in p.relative_to(root).parts
    }


def _all_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_apply_writes_the_new_bytes_and_an_undo_record(tmp_path: Path) -> None:
    root = _project(tmp_path, {"calc/ops.py": OPS, "calc/other.py": b"x = 1\n"})
    hashes = _hashes(root, tmp_path)
    written = apply_fix(root, "run-1", {"calc/ops.py": OPS_FIXED}, hashes)
    assert written == ["calc/ops.py"]
    assert (root / "calc/ops.py").read_bytes() == OPS_FIXED.encode()
    assert (root / "calc/other.py").read_bytes() == b"x = 1\n"
    record = json.loads((root / UNDO_DIR / "run-1.json").read_text())
    assert record["run_id"] == "run-1"
    assert set(record["files"]) == {"calc/ops.py"}
    assert latest_undo(root) == root / UNDO_DIR / "run-1.json"
    # No temp files are left next to the target.
    assert sorted(p.name for p in (root / "calc").iterdir()) == ["ops.py", "other.py"]


def test_apply_keeps_crlf_newlines(tmp_path: Path) -> None:
    original = b"def add(a, b):\r\n    return a - b\r\n\r\nX = 1\r\n"
    root = _project(tmp_path, {"ops.py": original})
    text = read_source(root / "ops.py")
    assert text is not None
    apply_fix(root, "r", {"ops.py": text.replace("a - b", "a + b")}, _hashes(root, tmp_path))
    assert (root / "ops.py").read_bytes() == original.replace(b"a - b", b"a + b")


def test_apply_keeps_a_pep263_latin1_encoding(tmp_path: Path) -> None:
    original = "# -*- coding: latin-1 -*-\nNAME = 'café'\n".encode("latin-1")
    root = _project(tmp_path, {"names.py": original})
    text = read_source(root / "names.py")
    assert text is not None
    new_text = text.replace("café", "crème")
    apply_fix(root, "r", {"names.py": new_text}, _hashes(root, tmp_path))
    data = (root / "names.py").read_bytes()
    assert data == new_text.encode("latin-1")
    assert "crème".encode("latin-1") in data
    assert "crème".encode() not in data


def test_apply_keeps_the_file_mode(tmp_path: Path) -> None:
    root = _project(tmp_path, {"tool.py": b"#!/usr/bin/env python\nprint(1)\n"})
    (root / "tool.py").chmod(0o751)
    apply_fix(root, "r", {"tool.py": "#!/usr/bin/env python\nprint(2)\n"},
              _hashes(root, tmp_path))
    assert stat.S_IMODE((root / "tool.py").stat().st_mode) == 0o751
    assert (root / "tool.py").read_bytes() == b"#!/usr/bin/env python\nprint(2)\n"


def test_apply_creates_a_new_file_in_a_new_folder(tmp_path: Path) -> None:
    root = _project(tmp_path, {"calc/ops.py": OPS})
    hashes = _hashes(root, tmp_path)
    apply_fix(root, "r", {"calc/util/new.py": "Y = 2\n"}, hashes)
    assert (root / "calc/util/new.py").read_bytes() == b"Y = 2\n"


def test_apply_refuses_when_a_touched_file_changed_since_the_snapshot(tmp_path: Path) -> None:
    root = _project(tmp_path, {"calc/ops.py": OPS, "calc/b.py": b"b = 1\n"})
    hashes = _hashes(root, tmp_path)
    (root / "calc/b.py").write_bytes(b"b = 2  # the user kept working\n")
    before = _all_files(root)
    with pytest.raises(DeployError, match=r"calc/b\.py changed since the run started"):
        apply_fix(root, "r", {"calc/ops.py": OPS_FIXED, "calc/b.py": "b = 3\n"}, hashes)
    assert _all_files(root) == before
    assert latest_undo(root) is None


def test_apply_refuses_when_a_touched_file_vanished_or_appeared(tmp_path: Path) -> None:
    root = _project(tmp_path, {"calc/ops.py": OPS})
    hashes = _hashes(root, tmp_path)
    (root / "calc/new.py").write_bytes(b"mine = 1\n")
    with pytest.raises(DeployError):
        apply_fix(root, "r", {"calc/new.py": "theirs = 1\n"}, hashes)
    assert (root / "calc/new.py").read_bytes() == b"mine = 1\n"
    (root / "calc/ops.py").unlink()
    with pytest.raises(DeployError):
        apply_fix(root, "r", {"calc/ops.py": OPS_FIXED}, hashes)
    assert not (root / "calc/ops.py").exists()


def test_an_unrelated_change_does_not_block_the_fix(tmp_path: Path) -> None:
    root = _project(tmp_path, {"calc/ops.py": OPS, "README": b"a\n"})
    hashes = _hashes(root, tmp_path)
    (root / "README").write_bytes(b"b\n")
    apply_fix(root, "r", {"calc/ops.py": OPS_FIXED}, hashes)
    assert (root / "calc/ops.py").read_bytes() == OPS_FIXED.encode()


def test_apply_is_all_or_nothing_when_a_later_write_fails(tmp_path: Path) -> None:
    # The second target is a directory (not in the snapshot): replacing it with a file fails
    # even for root, after the first file (and a new one) have been written.
    root = _project(tmp_path, {"a.py": OPS, "blocked/keep.txt": b"k\n"})
    hashes = _hashes(root, tmp_path)
    before = _all_files(root)
    changes = {"a.py": OPS_FIXED, "new_mod.py": "N = 1\n", "blocked": "x = 1\n"}
    with pytest.raises(DeployError, match="could not write blocked"):
        apply_fix(root, "run-bad", changes, hashes)
    assert _all_files(root) == before
    assert not (root / "new_mod.py").exists()
    assert latest_undo(root) is None


def test_apply_is_all_or_nothing_when_a_parent_is_a_file(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS, "pkg": b"not a folder\n"})
    hashes = _hashes(root, tmp_path)
    before = _tree(root)
    with pytest.raises(DeployError, match="nothing was changed"):
        apply_fix(root, "r", {"a.py": OPS_FIXED, "pkg/mod.py": "m = 1\n"}, hashes)
    assert _tree(root) == before


def test_undo_restores_the_exact_original_bytes(tmp_path: Path) -> None:
    crlf = b"# -*- coding: latin-1 -*-\r\nNAME = '\xe9'\r\nX = 1\r\n"
    root = _project(tmp_path, {"a.py": crlf, "b.py": OPS})
    (root / "a.py").chmod(0o640)
    before = _tree(root)
    text = read_source(root / "a.py")
    assert text is not None
    apply_fix(root, "run-1", {"a.py": text.replace("X = 1", "X = 2"), "b.py": OPS_FIXED},
              _hashes(root, tmp_path))
    assert _tree(root) != before
    run_id, paths = undo_fix(root)
    assert run_id == "run-1"
    assert paths == ["a.py", "b.py"]
    assert _tree(root) == before
    assert stat.S_IMODE((root / "a.py").stat().st_mode) == 0o640


def test_undo_refuses_when_the_file_was_edited_after_the_fix(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS, "b.py": b"b = 1\n"})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED, "b.py": "b = 2\n"}, _hashes(root, tmp_path))
    (root / "b.py").write_bytes(b"b = 2\nuser = 'edit'\n")
    after_edit = _all_files(root)
    with pytest.raises(DeployError, match=r"b\.py was edited after the fix"):
        undo_fix(root)
    assert _all_files(root) == after_edit
    # --force restores the pre-fix bytes anyway.
    assert undo_fix(root, force=True) == ("run-1", ["a.py", "b.py"])
    assert (root / "a.py").read_bytes() == OPS
    assert (root / "b.py").read_bytes() == b"b = 1\n"


def test_undo_twice_has_nothing_to_undo(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, _hashes(root, tmp_path))
    undo_fix(root)
    with pytest.raises(DeployError, match="no applied fix to undo"):
        undo_fix(root)
    with pytest.raises(DeployError, match="no applied fix to undo for run run-1"):
        undo_fix(root, "run-1")
    assert (root / "a.py").read_bytes() == OPS


def test_undo_by_run_id_picks_that_run(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS, "b.py": b"b = 1\n"})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, _hashes(root, tmp_path))
    apply_fix(root, "run-2", {"b.py": "b = 2\n"}, _hashes(root, tmp_path / "2"))
    assert undo_fix(root, "run-1") == ("run-1", ["a.py"])
    assert (root / "a.py").read_bytes() == OPS
    assert (root / "b.py").read_bytes() == b"b = 2\n"
    assert undo_fix(root) == ("run-2", ["b.py"])
    assert (root / "b.py").read_bytes() == b"b = 1\n"


def test_undo_of_a_fix_that_created_a_file_removes_it(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED, "helpers.py": "H = 1\n"},
              _hashes(root, tmp_path))
    assert (root / "helpers.py").read_bytes() == b"H = 1\n"
    undo_fix(root)
    assert not (root / "helpers.py").exists()
    assert (root / "a.py").read_bytes() == OPS


def test_a_failed_apply_does_not_block_undoing_an_earlier_fix(tmp_path: Path) -> None:
    root = _project(tmp_path, {"a.py": OPS, "blocked/keep.txt": b"k\n"})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, _hashes(root, tmp_path))
    with pytest.raises(DeployError):
        apply_fix(root, "run-2", {"a.py": "A = 0\n", "blocked": "x\n"},
                  _hashes(root, tmp_path / "2"))
    assert (root / "a.py").read_bytes() == OPS_FIXED.encode()
    assert undo_fix(root) == ("run-1", ["a.py"])
    assert (root / "a.py").read_bytes() == OPS


def _ctrl_c_on_first_replace(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[str]:
    """Ctrl-C (a real SIGINT) as the first file of ``root`` is replaced: the file system is
    where a write can be caught mid-way. Returns the files replaced, in order."""
    real_replace = os.replace
    replaced: list[str] = []

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst).parent.name != "undo" and Path(dst).is_relative_to(root):
            if not replaced:
                os.kill(os.getpid(), signal.SIGINT)
            replaced.append(Path(dst).relative_to(root).as_posix())
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return replaced


def test_ctrl_c_during_the_write_waits_for_it_and_the_fix_is_then_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path, {"a.py": OPS, "b.py": OPS})
    hashes = _hashes(root, tmp_path)
    replaced = _ctrl_c_on_first_replace(monkeypatch, root)
    with pytest.raises(KeyboardInterrupt):
        apply_fix(root, "run-1", {"a.py": OPS_FIXED, "b.py": OPS_FIXED}, hashes, "t007")
    assert replaced == ["a.py", "b.py"]  # the second write was not cut off
    assert applied_fix(root, "run-1") == ("t007", ("a.py", "b.py"))
    assert applied_fix(root, "run-2") is None


def test_ctrl_c_during_a_write_that_fails_leaves_nothing_and_is_not_lost(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path, {"a.py": OPS, "blocked/keep.txt": b"k\n"})
    hashes = _hashes(root, tmp_path)
    before = _all_files(root)
    _ctrl_c_on_first_replace(monkeypatch, root)
    with pytest.raises(KeyboardInterrupt) as stopped:
        apply_fix(root, "run-bad", {"a.py": OPS_FIXED, "blocked": "x = 1\n"}, hashes)
    assert isinstance(stopped.value.__context__, DeployError)
    assert _all_files(root) == before  # no undo record left to claim a fix was applied
    assert applied_fix(root, "run-bad") is None


def test_ctrl_c_during_an_undo_finishes_it(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path, {"a.py": OPS})
    apply_fix(root, "run-1", {"a.py": OPS_FIXED}, _hashes(root, tmp_path))
    _ctrl_c_on_first_replace(monkeypatch, root)
    with pytest.raises(KeyboardInterrupt):
        undo_fix(root, "run-1")
    assert (root / "a.py").read_bytes() == OPS
    assert (root / UNDO_DIR / "run-1.undone").is_file()
    assert applied_fix(root, "run-1") is None and latest_undo(root) is None
