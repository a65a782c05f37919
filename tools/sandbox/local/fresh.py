"""The fresh-process path of the local sandbox: a command started as a new process through
``isolate.py``, which writes its report (or why the command could not be executed) on a status
pipe that the exec closes.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from homeostasis.tools.sandbox.local.isolation import IsolateSpec, isolate_command, kill_namespace
from homeostasis.tools.sandbox.local.process import ProcessResult, Running, wait_watching


def run_fresh(running: Running, spec: IsolateSpec, args: tuple[str, ...], cwd: Path,
              env: dict[str, str], out: Path, timeout: float, cap: int) -> ProcessResult:
    """Run ``args`` in ``cwd`` as a fresh process isolated by ``spec``, its output going to
    ``out``; killed (its group, and its network namespace when ``spec`` has no cgroup to
    find what left the group) past ``timeout`` seconds or ``cap`` bytes of output."""
    status_r, status_w = os.pipe()
    with open(status_r, "rb") as status:
        try:
            with out.open("wb") as sink:
                def popen() -> subprocess.Popen[bytes]:
                    return subprocess.Popen(
                        [*isolate_command({**spec, "status_fd": status_w}), *args], cwd=cwd,
                        env=env, stdin=subprocess.DEVNULL, stdout=sink,
                        stderr=subprocess.STDOUT, start_new_session=True,
                        pass_fds=(status_w,),
                    )

                try:
                    proc = running.start(popen)
                except OSError as exc:  # no such folder, no interpreter…
                    return ProcessResult("not_found", None, str(exc))
                if proc is None:
                    return ProcessResult("killed", None, "cancelled")
        finally:
            os.close(status_w)

        def finished(seconds: float) -> bool:
            try:
                proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                return False
            return True

        try:
            ended = wait_watching(finished, out, timeout, cap)
        finally:
            running.stop(proc)  # past its deadline or output cap, and stray children
        report = _merged_lines(status.read())
    if "exec_error" in report:  # missing, not executable, no interpreter line…
        return ProcessResult("not_found", None, str(report["exec_error"]))
    netns = report.get("report", {}).get("netns")
    if spec["join_cgroup"] is None and netns:  # without a cgroup, this finds what left the group
        kill_namespace(netns)
    if running.cancelled:
        return ProcessResult("killed", proc.returncode)
    return ProcessResult("ok", proc.returncode) if ended else ProcessResult("timeout", None)


def _merged_lines(data: bytes) -> dict[str, Any]:
    """JSON objects, one a line, merged into one."""
    merged: dict[str, Any] = {}
    for line in data.decode("utf-8", errors="replace").splitlines():
        with contextlib.suppress(ValueError):
            merged.update(json.loads(line))
    return merged
