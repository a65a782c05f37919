import json
from datetime import date

from tasktracker import Task, dumps, loads
from tasktracker.migrations import upgrade, upgrade_v1


def test_upgraded_record_has_the_v2_fields():
    record = upgrade_v1({"title": "t", "assignee": "dee", "due": None, "status": "open"})
    assert record == {"title": "t", "owner": "dee", "due_date": None, "done": False, "tags": []}


def test_document_written_by_another_client():
    text = json.dumps({"version": 2, "tasks": [
        {"title": "review", "owner": "eve", "due_date": "2024-03-04", "done": False, "tags": []}]})
    assert loads(text)[0].owner == "eve"


def test_v1_load_then_save_writes_owner():
    old = json.dumps({"tasks": [{"title": "plan", "assignee": "fay", "status": "open"}]})
    saved = json.loads(dumps(loads(old)))
    assert saved["tasks"][0]["owner"] == "fay"
    assert loads(json.dumps(saved)) == [Task("plan", "fay")]


def test_upgrade_is_a_no_op_for_current_records():
    records = [{"title": "x", "owner": "gus", "due_date": None, "done": True, "tags": []}]
    assert upgrade(records, 2, 2) == records
