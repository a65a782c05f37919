"""``homeostasis sandbox``: build the Docker sandbox image, or clear away stray containers."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    sandbox = sub.add_parser("sandbox", help="build the Docker sandbox image, or clean up")
    actions = sandbox.add_subparsers(dest="action", required=True, metavar="ACTION")
    build = actions.add_parser(
        "build", help="make the sandbox image on this machine (debootstrap; no registry)")
    build.add_argument("--mirror", metavar="URL",
                       help="Debian mirror for debootstrap (default: the one apt uses here)")
    build.add_argument("--suite", default="bookworm", help="Debian release (bookworm)")
    build.add_argument("--tag", help="image tag (default: the one this version uses)")
    actions.add_parser("reap", help="remove sandbox containers left by runs that died")


def run(args: argparse.Namespace) -> int:
    # imported here: the docker SDK is slow to import and only this subcommand needs it
    from homeostasis.tools.sandbox.docker.engine import connect, reap
    from homeostasis.tools.sandbox.docker.image import build_base

    client = connect()
    if args.action == "build":
        build_base(client, print, mirror=args.mirror, suite=args.suite, tag=args.tag)
    else:
        print(f"Removed {reap(client)} stray sandbox container(s).")
    return 0
