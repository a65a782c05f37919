"""Upgrades of saved task records to the current format.

Version 1 records: ``{"title", "assignee", "due", "status": "open"|"closed", "labels"}``
Version 2 records: ``{"title", "owner", "due_date", "done", "tags"}``
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]


def upgrade_v1(record: Record) -> Record:
    return {
        "title": record["title"],
        "assignee": record.get("assignee"),
        "due_date": record.get("due"),
        "done": record.get("status") == "closed",
        "tags": sorted(set(record.get("labels", []))),
    }


UPGRADES = {1: upgrade_v1}


def upgrade(records: list[Record], version: int, target: int) -> list[Record]:
    while version < target:
        step = UPGRADES.get(version)
        if step is None:
            raise ValueError(f"cannot upgrade task records from version {version}")
        records = [step(r) for r in records]
        version += 1
    return records
