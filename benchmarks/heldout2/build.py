"""Derive FAIL_TO_PASS, PASS_TO_PASS and gold_patch for every case and write corpus.jsonl.

Each case folder holds case.json with at least instance_id, category and description;
the test lists are computed by running every visible test on the buggy project, one at a
time under a timeout (a hanging test counts as failing). Usage:

    python3 benchmarks/heldout2/build.py [--python PY] [case-id ...]
"""
import argparse
import json
import sys

from common import (
    CASES,
    DEFAULT_PYTHON,
    HANG_TIMEOUT,
    HERE,
    TempCopy,
    collect,
    gold_patch,
    run_pytest,
)

FIELDS = ["instance_id", "path", "FAIL_TO_PASS", "PASS_TO_PASS", "hidden_tests",
          "gold_patch", "category", "description"]


def build_case(case_dir, python):
    meta = json.loads((case_dir / "case.json").read_text())
    assert meta["instance_id"] == case_dir.name, case_dir
    f2p, p2p = [], []
    with TempCopy(case_dir / "project") as tmp:
        for node in collect(python, tmp):
            status, _ = run_pytest(python, tmp, [node], HANG_TIMEOUT)
            (p2p if status == 0 else f2p).append(node)
    entry = {
        "instance_id": case_dir.name,
        "path": f"cases/{case_dir.name}/project",
        "FAIL_TO_PASS": f2p,
        "PASS_TO_PASS": p2p,
        "hidden_tests": f"cases/{case_dir.name}/hidden",
        "gold_patch": gold_patch(case_dir),
        "category": meta["category"],
        "description": meta["description"],
    }
    (case_dir / "case.json").write_text(json.dumps(entry, indent=2) + "\n")
    return entry


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=DEFAULT_PYTHON)
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    dirs = sorted(d for d in CASES.iterdir() if (d / "case.json").exists())
    for d in dirs:
        if args.ids and d.name not in args.ids:
            continue
        e = build_case(d, args.python)
        print(f"{d.name}: F2P={len(e['FAIL_TO_PASS'])} P2P={len(e['PASS_TO_PASS'])}", flush=True)
    lines = []
    for d in dirs:
        meta = json.loads((d / "case.json").read_text())
        if "FAIL_TO_PASS" not in meta:
            sys.exit(f"{d.name}: not built yet")
        lines.append(json.dumps({k: meta[k] for k in FIELDS}))
    (HERE / "corpus.jsonl").write_text("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} instances to corpus.jsonl")


if __name__ == "__main__":
    main()
