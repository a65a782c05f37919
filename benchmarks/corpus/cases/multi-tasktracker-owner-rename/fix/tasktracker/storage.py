from __future__ import annotations

import json
from datetime import date

from tasktracker.migrations import Record, upgrade
from tasktracker.model import Task

FORMAT_VERSION = 2


def _record(task: Task) -> Record:
    return {
        "title": task.title,
        "owner": task.owner,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "done": task.done,
        "tags": task.tags,
    }


def _task(record: Record) -> Task:
    due = record.get("due_date")
    return Task(
        title=record["title"],
        owner=record.get("owner"),
        due_date=date.fromisoformat(due) if due else None,
        done=bool(record.get("done", False)),
        tags=list(record.get("tags", [])),
    )


def dumps(tasks: list[Task]) -> str:
    return json.dumps({"version": FORMAT_VERSION, "tasks": [_record(t) for t in tasks]}, indent=2)


def loads(text: str) -> list[Task]:
    """Tasks from a saved document of any known format version."""
    data = json.loads(text)
    version = data.get("version", 1)
    if version > FORMAT_VERSION:
        raise ValueError(f"saved with a newer format (version {version})")
    return [_task(r) for r in upgrade(data["tasks"], version, FORMAT_VERSION)]
