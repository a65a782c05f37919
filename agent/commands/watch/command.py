"""``homeostasis watch [PATH] [--once] [--yes]``: heal the failures a running service met.

For each new fingerprint in the project's runtime store (``homeostasis.monitor`` writes it):
write a reproduction test from what was captured, run the normal loop with it as the failing
test and the project's suite as the tests that must keep passing, and, as the policy says,
hot-swap the fix into the running service and watch its health, rolling back when it is
worse. ``--once`` handles what is pending and exits; without it, it keeps watching.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from homeostasis.commands.run_options import add_run_options, run_flags

#: The run options ``homeostasis watch`` takes as flags (the rest: [tool.homeostasis],
#: HOMEOSTASIS_*, as for ``homeostasis fix``), besides its own --policy and --health-window.
_RUN_OPTIONS = ("test", "python", "time_budget", "jobs")

EPILOG = """policies (--policy, or watch_policy in [tool.homeostasis]):
  ask     show each fix and ask before applying it (no terminal: report only)
  auto    apply the fix, hot-swap it into the running service, roll back if unhealthy
  report  never apply: the fix is in the run's records
  pr      push the fix to a homeostasis/<fingerprint> branch of origin and open a draft pull
          request (with GITHUB_TOKEN and GITHUB_REPOSITORY); the service is left as it is
exit codes: 0 every failure handled was repaired or proposed (or nothing was pending); 1 one could
not be reproduced or repaired, or its fix was rolled back; 2 usage"""


def add_parser(sub: Any) -> None:
    watch = sub.add_parser(
        "watch", help="repair the failures a running service recorded, hot-swap the fix",
        description="Turn the failures homeostasis.monitor recorded in a running service "
                    "into reproduction tests, repair them with the normal loop, hot-swap "
                    "each fix into the service and roll it back if the service gets worse.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    watch.add_argument("path", nargs="?", default=".", help="project root (default: .)")
    watch.add_argument("--once", action="store_true",
                       help="handle what is pending, then exit (default: keep watching)")
    watch.add_argument("--yes", "-y", action="store_true",
                       help="apply and hot-swap fixes without asking (--policy auto)")
    watch.add_argument("--policy", dest="watch_policy",
                       choices=("ask", "auto", "report", "pr"),
                       help="what to do with a fix (ask)")
    watch.add_argument("--health-window", type=float, metavar="S",
                       help="seconds to watch a hot-swapped fix before keeping it (30)")
    watch.add_argument("--interval", type=float, default=2.0, metavar="S",
                       help="seconds between looks at the store when watching (2)")
    add_run_options(watch, _RUN_OPTIONS)


def run(args: argparse.Namespace) -> int:
    """Run ``homeostasis watch``; its exit code (see :data:`EPILOG`)."""
    from homeostasis.commands.watch.healing import Healer
    from homeostasis.core.config import load_settings
    from homeostasis.core.errors import ProjectError
    from homeostasis.loop import find_root
    from homeostasis.tools.observe.runtime.store import STORE, EventStore, NewerStore

    root = find_root(Path(args.path))
    flags = {**run_flags(args), "health_window": args.health_window,
             "watch_policy": args.watch_policy}
    settings = load_settings(root, os.environ, flags)
    policy = "auto" if args.yes else settings.watch_policy
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not (root / STORE).is_file():
        print(f"No runtime failures recorded in {root / STORE} yet (wrap the service in "
              "homeostasis.monitor; see docs/runtime-healing.md).")
        if args.once:
            return 0
    store = EventStore(root)
    healer = Healer(root, settings, store, policy, interactive)
    ok = True
    try:
        while True:
            if (root / STORE).is_file():
                for failure in store.failures("new"):
                    ok = healer.heal(failure) and ok
            if args.once:
                return 0 if ok else 1
            time.sleep(args.interval)
    except NewerStore as exc:
        raise ProjectError(f"cannot use the runtime store: {exc}",
                           "upgrade Homeostasis where you run watch") from None
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot use the runtime store {root / STORE}: {exc}", (
            "stop the service first, then move runtime.sqlite3 and its -wal and -shm files "
            "away together; the monitor makes a new store")) from None
    finally:
        store.close()
