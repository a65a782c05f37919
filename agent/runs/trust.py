"""Which run records this machine wrote: the same guard the undo records have
(:mod:`homeostasis.tools.deploy.ledger`), for the ``run.json`` a resumed run takes its hints from.

A run's ``run.json`` sits in the project, where a commit, an archive or a shared folder can put
one. Its hints are the developer's own words, and a model is told to weigh them as such, so
``fix --resume`` takes them as words only from a record whose exact bytes this machine wrote:
each write of a ``run.json`` is listed in the ledger ``run-ledger.jsonl`` in the user's state
folder, outside every project. A record not in it still resumes, its hints quoted to a model
as data (as an issue is), never as the developer's.
"""

from __future__ import annotations

import contextlib

from homeostasis.tools.deploy import ledger

RUN_LEDGER = "run-ledger.jsonl"


def remember(run_id: str, record: bytes) -> None:
    """List the exact bytes ``record`` of run ``run_id``'s ``run.json``. A state folder that
    cannot be written costs the run nothing but this trust when it is resumed."""
    with contextlib.suppress(OSError):
        ledger.remember(run_id, record, RUN_LEDGER)


def written_here(run_id: str, record: bytes) -> bool:
    """Whether this machine wrote exactly ``record`` as run ``run_id``'s ``run.json``."""
    digest = ledger.sha256(record)
    try:
        return (run_id, digest) in ledger.entries(RUN_LEDGER)
    except OSError:  # a ledger that cannot be read vouches for nothing
        return False
