"""The ``homeostasis`` command.

    homeostasis fix [PATH]    run the tests, find the fault, try fixes in a sandbox, apply one
    homeostasis undo [PATH]   put back the exact bytes the last applied fix replaced
    homeostasis runs [PATH]   the runs of a project: id, when, outcome, files, cost
    homeostasis show RUN_ID   a run's report and its diff
    homeostasis eval FILE     measure repair on many bug instances (see homeostasis.evals)
    homeostasis ci [PATH]     what the GitHub Action runs: reproduce a failed CI run, repair
                              it, open a draft pull request (see docs/github-action.md)
    homeostasis watch [PATH]  repair the failures a running service recorded, hot-swap the
                              fix, roll it back if unhealthy (see docs/runtime-healing.md)

Errors a user can meet are one line on stderr with what to do, never a traceback; the exit
codes are in :data:`EXIT_CODES` (shown by ``homeostasis --help``). SIGTERM and SIGHUP end a
run as Ctrl-C does: sandboxes and temp folders are removed on the way out, and the last line
tells what the files hold (:mod:`homeostasis.commands.ending`). Imports are lazy so
``homeostasis --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from homeostasis import __version__
from homeostasis.commands.ending import Ending, usage_error
from homeostasis.core.errors import HomeostasisError, signals_as_interrupts

if TYPE_CHECKING:
    from homeostasis.core.config import Settings
    from homeostasis.search import Search
    from homeostasis.ui import Console

_EXIT = {"applied": 0, "dry_run": 0, "nothing_to_fix": 0, "declined": 0, "no_fix": 1,
         "refused": 1}

#: Every exit code, as ``homeostasis --help`` lists them (README.md has the same table).
EXIT_CODES = """exit codes:
  0    done: a fix applied, a dry run, nothing to fix, a fix shown but not applied;
       an undo; an eval
  1    no fix found; or the project, sandbox, model or undo could not be worked with
  2    bad arguments or configuration (flags, [tool.homeostasis], HOMEOSTASIS_*,
       the instances file)
  3    the project's environment cannot run its tests (a missing dependency, no pytest):
       nothing to repair in its code
  70   internal error, a bug: the traceback is saved in a crash log to report
  129  stopped by SIGHUP (128 + 1)
  130  stopped by Ctrl-C, SIGINT (128 + 2)
  143  stopped by SIGTERM (128 + 15)
A stopped run removes its sandboxes and temp folders before it exits, and says whether a
fix it applied stays applied."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homeostasis",
        description="Repair failing tests: find the fault, try fixes in a sandbox, apply one.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"homeostasis {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Imported here, not at the top: `homeostasis --help` must not load the whole package.
    from homeostasis.commands.ci.command import add_parser as add_ci_parser
    from homeostasis.commands.guidance import add_fix_arguments
    from homeostasis.commands.history import add_parsers as add_history_parsers
    from homeostasis.commands.run_options import add_run_options
    from homeostasis.commands.sandbox import add_parser as add_sandbox_parser
    from homeostasis.commands.watch.command import add_parser as add_watch_parser
    from homeostasis.evals.command import add_parser as add_eval_parser

    fix = sub.add_parser("fix", help="repair the failing tests of a project")
    fix.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    add_run_options(fix, ("test", "python", "model", "jobs", "timeout", "test_timeout",
                          "time_budget", "candidates", "enough", "sbfl"))
    mode = fix.add_mutually_exclusive_group()
    mode.add_argument("--yes", "-y", action="store_true", help="apply the best fix, no questions")
    mode.add_argument("--dry-run", action="store_true", help="never apply; just show and record")
    add_run_options(fix, ("sandbox",))
    add_fix_arguments(fix)
    add_run_options(fix.add_argument_group("model options"), (
        "base_url", "record", "cache", "cascade", "rounds", "max_dollars", "max_tokens_total",
        "max_calls", "price_input", "price_output"))

    add_eval_parser(sub)
    add_sandbox_parser(sub)
    add_ci_parser(sub)
    add_history_parsers(sub)
    add_watch_parser(sub)

    undo = sub.add_parser("undo", help="restore the files the last applied fix changed")
    undo.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    undo.add_argument("--run", metavar="RUN_ID", help="undo this run's fix (default: latest)")
    undo.add_argument("--force", action="store_true",
                      help="restore even if the files were edited after the fix")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names; returns its exit code (see :data:`EXIT_CODES`)."""
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(words)
    except SystemExit as exc:
        if exc.code not in (0, None):  # with --json, a usage error is a result too
            usage_error(words, int(exc.code) if isinstance(exc.code, int) else 2)
        raise
    ending = Ending(args.command, bool(getattr(args, "json", False)))
    try:
        with signals_as_interrupts():
            return _run(args, ending)
    except HomeostasisError as exc:
        return ending.error(exc)
    except KeyboardInterrupt as exc:
        return ending.stopped(exc)
    except Exception as exc:
        if os.environ.get("HOMEOSTASIS_DEBUG"):
            raise
        log = Path(tempfile.mkstemp(prefix="homeostasis-crash-", suffix=".log")[1])
        log.write_text(traceback.format_exc(), encoding="utf-8")
        return ending.crashed(f"internal error: {type(exc).__name__}: {exc}", log)


def _run(args: argparse.Namespace, ending: Ending) -> int:
    if args.command == "fix":
        return _fix(args, ending)
    # Each command imports what it needs when it runs (a fast --help).
    if args.command == "eval":
        from homeostasis.evals.command import run as run_eval_command

        return run_eval_command(args)
    if args.command == "sandbox":
        from homeostasis.commands.sandbox import run as run_sandbox_command

        return run_sandbox_command(args)
    if args.command == "ci":
        from homeostasis.commands.ci.command import run as run_ci_command

        return run_ci_command(args)
    if args.command in ("runs", "show"):
        from homeostasis.commands.history import run as run_history_command

        return run_history_command(args)
    if args.command == "watch":
        from homeostasis.commands.watch.command import run as run_watch_command

        return run_watch_command(args)
    return _undo(args)


def _fix(args: argparse.Namespace, ending: Ending) -> int:
    # Here, not at the top: the loop loads every stage, which `--help` never needs.
    from homeostasis.commands.guidance import fix_result, read_guidance
    from homeostasis.commands.output import emit
    from homeostasis.commands.run_options import run_flags
    from homeostasis.core.config import load_settings
    from homeostasis.loop import Decision, find_root, heal
    from homeostasis.runs.log import RUNS_DIR
    from homeostasis.ui import terminal_console

    root = find_root(Path(args.path))
    ending.root = root
    settings = load_settings(root, os.environ, run_flags(args))
    guidance = read_guidance(args, root)
    # with --json the result alone goes to stdout, and nothing is asked
    interactive = sys.stdin.isatty() and sys.stdout.isatty() and not args.json
    # sys.stdout as it is now (the default was bound at import; a caller may have swapped it)
    console = terminal_console(sys.stderr if args.json else sys.stdout, interactive,
                               color=interactive and not os.environ.get("NO_COLOR"),
                               history=root / RUNS_DIR.parent / "history")
    mode = "dry_run" if args.dry_run else "apply" if args.yes else (
        "ask" if interactive else "report")
    if root != Path(args.path).resolve():
        console.say(f"Project root: {root} (the folder above {args.path} that holds its "
                    "pyproject.toml, setup.cfg, pytest.ini, tox.ini or .git)")
    if guidance.resumed_from:
        console.say(f"Resuming run {guidance.resumed_from}: {len(guidance.tried)} fix(es) it "
                    f"tried are skipped; hints: {'; '.join(guidance.hints) or 'none'}")
    if guidance.untrusted_hints:
        console.say(f"  note: run {guidance.resumed_from}'s record was not written on this "
                    f"machine: its {guidance.untrusted_hints} hint(s) go to a model as quoted "
                    "data, not as your words")
    search = announced_search(settings, console)

    def started(run_id: str) -> None:
        ending.run_id = run_id  # from now on, a stop is told what the files hold

    try:
        result = heal(root, settings, console, Decision(mode), search, started=started,
                      guidance=guidance)
    finally:
        console.close()
        if search.stack is not None:
            search.stack.close()
    if args.json:
        emit("fix", fix_result(result))
    return _EXIT[result.outcome.status]


def announced_search(settings: Settings, console: Console) -> Search:
    """The run's search (:func:`homeostasis.search.make_search`), said in one line."""
    # Here, not at the top: the search loads the proposers (a fast --help).
    from homeostasis.search import make_search

    search = make_search(settings, lambda text: console.say(f"  note: {text}"))
    if search.stack is not None:
        order = "after the offline engine finds nothing" if len(search.tiers) > 1 else "first"
        console.say(f"Model: {search.stack.model.name} ({settings.samples} samples per "
                    f"request, up to {settings.rounds} round(s), asked {order}).")
    else:
        console.say("No model configured: using the offline template engine "
                    "(no key, no network).")
    return search


def _undo(args: argparse.Namespace) -> int:
    # Here, not at the top: a fast --help.
    from homeostasis.loop import find_root
    from homeostasis.tools.deploy.hotswap import undo_and_swap

    root = find_root(Path(args.path))
    run_id, files, swapped = undo_and_swap(root, args.run, force=args.force)
    print(f"Undid run {run_id}: restored {', '.join(files)}")
    if swapped is not None:
        print(f"The running service gets the old code back (generation {swapped['generation']}"
              f", {swapped['mode']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
