"""Check every instance of benchmarks/heldout2/corpus.jsonl (stdlib only).

For each instance, on temporary copies (the case folders are never modified):
  1. the visible tests collected are exactly FAIL_TO_PASS + PASS_TO_PASS;
  2. on the buggy project each FAIL_TO_PASS test fails when run alone -- or, for the
     "infinite loop" category, hangs (still running after the timeout) -- and the
     PASS_TO_PASS tests all pass;
  3. gold_patch is the `diff -u` of project/ against fix/, and `patch -p1` applies it;
  4. with fix/ and hidden/ copied over the project, every visible and hidden test passes;
  5. on the buggy project plus hidden/, the hidden tests fail or hang.
Prints one line per instance and exits non-zero if any check fails. Runs sequentially.

    python3 benchmarks/heldout2/verify.py [--python PY] [instance-id ...]
"""
import argparse
import filecmp
import json
import pathlib
import subprocess
import sys

from common import (
    DEFAULT_PYTHON,
    HANG_TIMEOUT,
    HERE,
    TempCopy,
    collect,
    files_under,
    gold_patch,
    outcomes,
    run_pytest,
)

REQUIRED = {"instance_id", "path", "FAIL_TO_PASS", "PASS_TO_PASS", "hidden_tests",
            "gold_patch", "category", "description"}


def check(inst, python):
    problems = []
    notes = []
    case_dir = (HERE / inst["path"]).parent
    project = HERE / inst["path"]
    hidden = HERE / inst["hidden_tests"]
    fix = case_dir / "fix"
    f2p, p2p = inst["FAIL_TO_PASS"], inst["PASS_TO_PASS"]
    loop = inst["category"] == "infinite loop"

    if set(inst) != REQUIRED:
        problems.append(f"fields differ: {sorted(set(inst) ^ REQUIRED)}")
    if not f2p:
        problems.append("empty FAIL_TO_PASS")
    hidden_files = [p for p in files_under(hidden)
                    if pathlib.PurePath(p).name.startswith("test_hidden_")]
    if not hidden_files:
        problems.append("no hidden test files")

    # 1 + 2: the buggy project
    with TempCopy(project) as tmp:
        collected = collect(python, tmp)
        if sorted(collected) != sorted(f2p + p2p):
            differ = sorted(set(collected) ^ set(f2p + p2p))
            problems.append(f"collected tests differ from F2P+P2P: {differ}")
        for node in f2p:
            status, out = run_pytest(python, tmp, [node], HANG_TIMEOUT)
            if loop and status != "hang":
                problems.append(f"F2P {node} should hang on the bug, got rc={status}")
            if not loop and status != 1:
                problems.append(f"F2P {node} should fail on the bug, got rc={status}")
        if p2p:
            status, out = run_pytest(python, tmp, p2p, 120)
            res = outcomes(out)
            bad = [n for n in p2p if res.get(n) != "PASSED"]
            if status != 0 or bad:
                problems.append(f"P2P not passing on the bug (rc={status}): {bad}")
    notes.append(f"f2p={len(f2p)}{' hang' if loop else ' fail'} p2p={len(p2p)}")

    # 3: gold patch
    if gold_patch(case_dir) != inst["gold_patch"]:
        problems.append("gold_patch differs from diff -u project fix")
    with TempCopy(project) as tmp:
        res = subprocess.run(["patch", "-p1", "--quiet", "--no-backup-if-mismatch"], cwd=tmp,
                             input=inst["gold_patch"], capture_output=True, text=True)
        if res.returncode != 0:
            problems.append(f"gold_patch does not apply: {res.stdout}{res.stderr}")
        else:
            for rel in files_under(fix):
                if not filecmp.cmp(fix / rel, pathlib.Path(tmp) / rel, shallow=False):
                    problems.append(f"patched {rel} differs from fix/{rel}")

    # 4: fixed project + hidden tests
    with TempCopy(project, fix, hidden) as tmp:
        status, out = run_pytest(python, tmp, [], 300)
        res = outcomes(out)
        hidden_ids = [n for n in res
                      if pathlib.PurePath(n.split("::")[0]).name.startswith("test_hidden_")]
        bad = [n for n, o in res.items() if o != "PASSED"]
        missing = [n for n in f2p + p2p if n not in res]
        if status != 0 or bad or missing:
            problems.append(f"fixed project not green (rc={status}): failing={bad} "
                            f"missing={missing}")
        if not hidden_ids:
            problems.append("hidden tests were not run on the fixed project")
        notes.append(f"hidden={len(hidden_ids)}")

    # 5: buggy project + hidden tests
    with TempCopy(project, hidden) as tmp:
        status, out = run_pytest(python, tmp, hidden_files, HANG_TIMEOUT)
        if status == 0:
            problems.append("hidden tests pass on the buggy project")
        elif status == "hang":
            notes.append("hidden-on-bug=hang")
        else:
            res = outcomes(out)
            nfail = sum(1 for o in res.values() if o != "PASSED")
            notes.append(f"hidden-on-bug=fail({nfail}/{len(res)})")
    return problems, notes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=DEFAULT_PYTHON)
    ap.add_argument("--corpus", default=str(HERE / "corpus.jsonl"))
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    with open(args.corpus, encoding="utf-8") as fh:
        insts = [json.loads(line) for line in fh if line.strip()]
    ids = [i["instance_id"] for i in insts]
    failed = 0
    if len(ids) != len(set(ids)):
        print("FAIL duplicate instance ids")
        failed += 1
    for inst in insts:
        if args.ids and inst["instance_id"] not in args.ids:
            continue
        problems, notes = check(inst, args.python)
        tag = "ok  " if not problems else "FAIL"
        failed += bool(problems)
        print(f"{tag} {inst['instance_id']:<34} [{inst['category']}] {' '.join(notes)}", flush=True)
        for p in problems:
            print(f"       - {p}", flush=True)
    print(f"{len(insts) - failed if not args.ids else len(args.ids) - failed} ok, {failed} failing")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
