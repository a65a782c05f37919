import json
from datetime import date

import pytest

from tasktracker import Task, dumps, loads
from tasktracker.model import by_owner


def test_round_trip_keeps_every_field():
    tasks = [Task("write docs", owner="ana", due_date=date(2024, 7, 1), tags=["docs"]),
             Task("fix build", done=True)]
    assert loads(dumps(tasks)) == tasks


def test_saved_document_format():
    data = json.loads(dumps([Task("ship", owner="bo")]))
    assert data["version"] == 2
    assert data["tasks"][0]["owner"] == "bo"


def test_version_1_documents_still_load():
    old = {"tasks": [{"title": "triage", "assignee": "cy", "due": "2024-02-01",
                      "status": "closed", "labels": ["ops", "ops"]}]}
    assert loads(json.dumps(old)) == [Task("triage", "cy", date(2024, 2, 1), True, ["ops"])]


def test_newer_format_is_refused():
    with pytest.raises(ValueError):
        loads(json.dumps({"version": 3, "tasks": []}))


def test_overdue_and_grouping():
    tasks = [Task("a", "ana", date(2024, 1, 1)), Task("b", None, date(2024, 9, 1)), Task("c", "ana", done=True)]
    assert [t.title for t in tasks if t.overdue(date(2024, 6, 1))] == ["a"]
    assert by_owner(tasks) == {"-": ["b"], "ana": ["a"]}
