"""Shared helpers for build.py and verify.py (stdlib only)."""
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
CASES = HERE / "cases"
DEFAULT_PYTHON = "/work/main/.venv/bin/python"
HANG_TIMEOUT = 10


def env():
    e = dict(os.environ)
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    e.pop("PYTEST_ADDOPTS", None)
    return e


def files_under(root):
    root = pathlib.Path(root)
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts
    )


def copy_tree(src, dst):
    src, dst = pathlib.Path(src), pathlib.Path(dst)
    for rel in files_under(src):
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src / rel, target)


def run_pytest(python, cwd, args, timeout):
    """Run pytest; return (status, output) where status is an int rc or 'hang'."""
    cmd = [python, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rA", *args]
    proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        return proc.returncode, out
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return "hang", out


def outcomes(output):
    """Map node id -> PASSED/FAILED/ERROR from pytest's -rA summary."""
    result = {}
    for line in output.splitlines():
        for word in ("PASSED", "FAILED", "ERROR"):
            if line.startswith(word + " "):
                node = line[len(word) + 1:].split(" - ")[0].strip()
                result[node] = word
    return result


def collect(python, cwd, paths=()):
    cmd = [python, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *paths]
    out = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True,
                         timeout=120).stdout
    return [line.strip() for line in out.splitlines() if "::" in line]


def gold_patch(case_dir):
    case_dir = pathlib.Path(case_dir)
    chunks = []
    for rel in files_under(case_dir / "fix"):
        res = subprocess.run(
            ["diff", "-u", "--label", f"a/{rel}", "--label", f"b/{rel}",
             str(case_dir / "project" / rel), str(case_dir / "fix" / rel)],
            capture_output=True, text=True)
        if res.returncode != 1:
            raise RuntimeError(f"{case_dir.name}: fix/{rel} does not differ from project "
                               f"({res.returncode})")
        chunks.append(res.stdout)
    return "".join(chunks)


class TempCopy:
    def __init__(self, *trees):
        self.trees = trees

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="h2-")
        for tree in self.trees:
            copy_tree(tree, self.tmp)
        return self.tmp

    def __exit__(self, *exc):
        shutil.rmtree(self.tmp, ignore_errors=True)
