"""The eval harness on tiny instances: correct, plausible, unfixed, broken, hanging, a loop
crash, resume after a kill or a torn line, what an instance timeout leaves behind, and the
summary numbers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from eval_cases import CLAMP, CLAMP_F2P, CLAMP_P2P, CLAMP_TESTS, make_case, quick, write_jsonl
from helpers import alive, clean_env
from homeostasis.core.config import Settings
from homeostasis.core.errors import UsageError
from homeostasis.core.records import TestResult, TestRun
from homeostasis.evals.grade import unsound
from homeostasis.evals.harness import run_eval
from homeostasis.evals.instances import Instance, load_instances
from homeostasis.evals.results import EvalResult, read_results
from homeostasis.evals.summary import percentile, render_markdown, summarize, write_plot


@pytest.mark.e2e
def test_statuses_of_tiny_instances(tmp_path: Path) -> None:
    correct = make_case(tmp_path, "correct-one", CLAMP, CLAMP_TESTS,
                        "from calc.ops import in_range\n\ndef test_high_end():\n"
                        "    assert in_range(10, 0, 10)\n    assert not in_range(11, 0, 10)\n",
                        CLAMP_F2P, CLAMP_P2P)
    # The hidden test wants the high end excluded too, which no single edit gives while the
    # visible tests pass: the fix is plausible, not correct.
    plausible = make_case(tmp_path, "plausible-one", CLAMP, CLAMP_TESTS,
                          "from calc.ops import in_range\n\ndef test_high_end_excluded():\n"
                          "    assert not in_range(10, 0, 10)\n", CLAMP_F2P, CLAMP_P2P)
    broken = make_case(tmp_path, "broken-one", CLAMP, CLAMP_TESTS, None,
                       ["tests/test_ops.py::test_clamp"], [])
    hanging = make_case(tmp_path, "hanging-one", CLAMP, CLAMP_TESTS + (
        "\n\ndef test_forever():\n    import time\n    time.sleep(120)\n"), None,
        CLAMP_F2P, CLAMP_P2P)
    unfixed = make_case(tmp_path, "unfixed-one", "def half(x):\n    return x\n",
                        "from calc.ops import half\n\ndef test_half():\n"
                        "    assert half(9) == 'nine halves'\n", None,
                        ["tests/test_ops.py::test_half"], [])
    jsonl = write_jsonl(tmp_path / "instances.jsonl",
                        [correct, plausible, broken, hanging, unfixed])
    out = tmp_path / "out"
    seen: list[str] = []
    settings = Settings(jobs=1, timeout=4, candidates=10, enough=1)
    results = run_eval(load_instances(jsonl), out, settings, workers=2,
                       progress=lambda r, done, total: seen.append(f"{done}/{total}"))
    by_id = {r.instance_id: r for r in results}
    assert by_id["correct-one"].status == "correct"
    assert "<=" in by_id["correct-one"].diff
    assert by_id["plausible-one"].status == "plausible"
    assert "hidden tests fail" in by_id["plausible-one"].reason
    assert by_id["broken-one"].status == "error"
    assert by_id["broken-one"].reason.startswith("broken instance")
    assert by_id["hanging-one"].status == "error"
    assert "did not finish" in by_id["hanging-one"].reason
    assert by_id["unfixed-one"].status == "unfixed"
    assert by_id["correct-one"].candidates_tried >= 1
    assert Path(by_id["correct-one"].run_dir, "trials.jsonl").is_file()
    assert sorted(seen) == sorted(f"{i}/5" for i in range(1, 6))
    recorded = read_results(out / "results.jsonl")
    assert {r.instance_id for r in recorded} == set(by_id)
    # the instances' own projects are never modified
    assert "low < x <= high" in (tmp_path / "correct-one/project/calc/ops.py").read_text()
    assert not (tmp_path / "correct-one/project/.homeostasis").exists()


@pytest.mark.e2e
def test_a_crash_in_the_loop_is_an_error_result(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "crashing_proposer.py").write_text(textwrap.dedent("""
        class CrashingProposer:
            name = "crashing"

            def propose(self, task, budget):
                raise RuntimeError("proposer exploded")
                yield
    """), encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "plugins"))
    case = make_case(tmp_path, "crash-one", CLAMP, CLAMP_TESTS, None, CLAMP_F2P, CLAMP_P2P)
    jsonl = write_jsonl(tmp_path / "i.jsonl", [case])
    [result] = run_eval(load_instances(jsonl), tmp_path / "out", quick(), workers=1,
                        proposer="crashing_proposer.CrashingProposer")
    assert result.status == "error"
    assert "RuntimeError: proposer exploded" in result.reason


def test_an_existing_results_file_needs_resume(tmp_path: Path) -> None:
    case = make_case(tmp_path, "c", CLAMP, CLAMP_TESTS, None, CLAMP_F2P, CLAMP_P2P)
    jsonl = write_jsonl(tmp_path / "i.jsonl", [case])
    out = tmp_path / "out"
    out.mkdir()
    (out / "results.jsonl").write_text(
        json.dumps({"instance_id": "c", "status": "unfixed"}) + "\n", encoding="utf-8")
    with pytest.raises(UsageError, match="--resume"):
        run_eval(load_instances(jsonl), out, quick())
    assert run_eval(load_instances(jsonl), out, quick(), resume=True)[0].status == "unfixed"


@pytest.mark.e2e
def test_resume_after_a_kill_loses_only_instances_in_flight(tmp_path: Path) -> None:
    entries = [make_case(tmp_path, f"case-{n}", CLAMP, CLAMP_TESTS, None, CLAMP_F2P,
                         CLAMP_P2P) for n in range(4)]
    jsonl = write_jsonl(tmp_path / "i.jsonl", entries)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "homeostasis.cli", "eval", str(jsonl), "--out", str(out),
           "--workers", "1", "--candidates", "10"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
            results.exists() and results.read_text().count("\n") >= 1):
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = read_results(results)
    assert 1 <= len(before) < 4
    done = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    after = read_results(results)
    assert sorted(r.instance_id for r in after) == [f"case-{n}" for n in range(4)]
    assert after[: len(before)] == before  # earlier lines kept as they were
    assert (out / "summary.md").is_file()


@pytest.mark.slow
def test_resume_after_a_torn_last_line_runs_that_instance_again(tmp_path: Path) -> None:
    # Both instances name a missing folder: each is an error result, quickly.
    entries = [{"instance_id": i, "path": f"missing-{i}", "FAIL_TO_PASS": CLAMP_F2P}
               for i in ("done", "torn")]
    jsonl = write_jsonl(tmp_path / "i.jsonl", entries)
    out = tmp_path / "out"
    out.mkdir()
    first = json.dumps({"instance_id": "done", "status": "unfixed"}) + "\n"
    torn = '{"instance_id": "torn", "status": "unf'  # a kill in the middle of a write
    (out / "results.jsonl").write_text(first + torn, encoding="utf-8")
    results = run_eval(load_instances(jsonl), out, quick(), workers=1, resume=True)
    assert [(r.instance_id, r.status) for r in results] == [("done", "unfixed"),
                                                            ("torn", "error")]
    text = (out / "results.jsonl").read_text(encoding="utf-8")
    assert text.startswith(first)
    assert [json.loads(line)["instance_id"] for line in text.splitlines()] == ["done", "torn"]


HANGING_TEST = textwrap.dedent("""
    import os
    import time
    from pathlib import Path


    def test_in_range_includes_low():
        marker = Path.cwd().parents[1] / "hang-started"
        marker.write_text(f"{os.getpid()}\\n")
        time.sleep(120)
""")


@pytest.mark.e2e
@pytest.mark.slow
def test_an_instance_timeout_leaves_no_process_and_no_temp_folder(tmp_path: Path) -> None:
    case = make_case(tmp_path, "hangs", CLAMP, HANGING_TEST, None, CLAMP_F2P, [])
    jsonl = write_jsonl(tmp_path / "i.jsonl", [case])
    out = tmp_path / "out"
    temp = tmp_path / "tmp"  # the eval's, and so its workers' and sandboxes', temp folders
    temp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "homeostasis.cli", "eval", str(jsonl), "--out", str(out),
         "--workers", "1", "--timeout", "100", "--instance-timeout", "20"],
        env=clean_env({"TMPDIR": str(temp)}), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pid = 0
    try:
        deadline = time.monotonic() + 60
        while not pid and time.monotonic() < deadline:
            for marker in temp.rglob("hang-started"):
                text = marker.read_text()
                pid = int(text) if text.endswith("\n") else 0
            time.sleep(0.05)
        output, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert pid, output
    assert proc.returncode == 0, output
    [result] = read_results(out / "results.jsonl")
    assert result.status == "error" and "timed out" in result.reason, result
    assert not alive(pid), "the sandboxed test was left running"
    assert not list(temp.glob("homeostasis-*")), list(temp.rglob("*"))[:10]


def test_summary_numbers() -> None:
    def r(i: str, status: str, t: float, cands: int = 0, tokens: int = 0, dollars: float = 0.0,
          category: str = "a") -> EvalResult:
        return EvalResult(i, status, category=category, wall_time=t,  # type: ignore[arg-type]
                          candidates_tried=cands, tokens=tokens, dollars=dollars)

    results = [r("1", "correct", 1.0, 4, 100, 0.01), r("2", "plausible", 2.0, 6, 300, 0.03),
               r("3", "unfixed", 3.0, 30, 1000, 0.1, "b"), r("4", "error", 10.0, 0, 0, 0, "b")]
    s = summarize(results)
    assert s.counts == {"correct": 1, "plausible": 1, "unfixed": 1, "error": 1}
    assert s.rate("correct") == 0.25
    assert s.fixed == 2
    assert s.median_time == 2.5
    assert s.p90_time == pytest.approx(7.9)
    assert s.candidates_per_fix == 5.0
    assert s.tokens_per_fix == 700.0
    assert s.dollars_per_fix == pytest.approx(0.07)
    assert s.by_category["b"] == {"correct": 0, "plausible": 0, "unfixed": 1, "error": 1}
    text = render_markdown(s)
    assert "| correct | 1 | 25.0% |" in text
    assert "| **plausible or better** | **2** | **50.0%** |" in text
    assert "| b | 2 | 0 | 0 | 1 | 1 |" in text
    assert percentile([], 90) == 0.0


def test_an_instance_is_judged_sound_by_the_loops_own_run_before_repair() -> None:
    instance = Instance("i", Path("p"), fail_to_pass=("t::a", "t::b"))

    def run(*outcomes: tuple[str, str], status: str = "ok") -> TestRun:
        return TestRun(status, tuple(TestResult(t, o) for t, o in outcomes),  # type: ignore[arg-type]
                       detail="the tests did not finish within 4s")

    assert unsound(run(("t::a", "failed"), ("t::b", "error"), ("t::c", "passed")),
                   instance) is None
    assert unsound(run(("t::a", "failed"), ("t::b", "passed")), instance) == (
        "FAIL_TO_PASS test(s) do not fail before repair: t::b")
    assert unsound(run(("t::a", "failed")), instance) == (  # not even collected
        "FAIL_TO_PASS test(s) do not fail before repair: t::b")
    assert unsound(run(status="timeout"), instance) == (
        "tests do not run before repair: the tests did not finish within 4s")


@pytest.mark.slow
def test_plot_is_a_png(tmp_path: Path) -> None:
    s = summarize([EvalResult("1", "correct", category="x"),
                   EvalResult("2", "unfixed", category="y")])
    assert write_plot(s, tmp_path / "p.png")
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_malformed_instances_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"instance_id": "a", "path": "x", "FAIL_TO_PASS": ["t"]}\n'
                    '{"instance_id": "b", "path": "x"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad.jsonl:2: missing FAIL_TO_PASS"):
        load_instances(path)
    path.write_text('{"instance_id": "a", "path": "x", "FAIL_TO_PASS": "[\\"t\\"]"}\n',
                    encoding="utf-8")
    assert load_instances(path)[0].fail_to_pass == ("t",)


def test_swe_bench_style_instance_loads_from_repos_folder(tmp_path: Path) -> None:
    path = tmp_path / "swe.jsonl"
    path.write_text(json.dumps({
        "instance_id": "astropy__astropy-1", "repo": "astropy/astropy", "base_commit": "abc",
        "FAIL_TO_PASS": '["tests/test_a.py::test_x"]', "PASS_TO_PASS": "[]",
        "patch": "--- a/x.py\n+++ b/x.py\n", "problem_statement": "it breaks",
    }) + "\n", encoding="utf-8")
    [instance] = load_instances(path)
    assert instance.path == (tmp_path / "repos" / "astropy__astropy").resolve()
    assert instance.fail_to_pass == ("tests/test_a.py::test_x",)
    assert instance.gold_patch.startswith("--- a/x.py")
    path.write_text('{"instance_id": "a", "FAIL_TO_PASS": ["t"]}\n', encoding="utf-8")
    with pytest.raises(UsageError, match="missing path"):
        load_instances(path)


@pytest.mark.e2e
def test_an_instance_costs_the_loops_sandbox_and_one_for_grading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What made an eval's candidates dearer than ``fix``'s: a soundness check in a sandbox
    of its own before the loop and a sandbox (and a warm pytest server) per grading run. The
    loop's baseline now answers the check and both grading runs share one sandbox."""
    import homeostasis.evals.grade as grading
    import homeostasis.loop as loop
    from homeostasis.evals.worker import run_instance

    opened: list[str] = []

    def counting(where: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def open_sandbox(*args: Any, **kwargs: Any) -> Any:
            opened.append(where)
            return real(*args, **kwargs)
        return open_sandbox

    monkeypatch.setattr(loop, "open_sandbox", counting("loop", loop.open_sandbox))
    monkeypatch.setattr(grading, "open_sandbox", counting("grade", grading.open_sandbox))
    case = make_case(tmp_path, "one", CLAMP, CLAMP_TESTS,
                     "from calc.ops import in_range\n\ndef test_high_end():\n"
                     "    assert in_range(10, 0, 10)\n", CLAMP_F2P, CLAMP_P2P)
    [instance] = load_instances(write_jsonl(tmp_path / "i.jsonl", [case]))
    work = tmp_path / "work"
    work.mkdir()
    result = run_instance(instance, quick(), work, tmp_path / "runs")
    assert result.status == "correct", result.reason
    assert opened == ["loop", "grade"]
