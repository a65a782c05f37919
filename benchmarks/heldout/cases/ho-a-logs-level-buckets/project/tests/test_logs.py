import pytest

from logbucket import by_level, by_service, parse_line, parse_lines, summary

LOG = """\
# nightly batch
2024-05-01T10:00:00Z INFO [api] started
2024-05-01T10:00:05Z WARN [db] slow query
2024-05-01T10:00:09Z ERROR [api] upstream timed out

2024-05-01T10:01:00Z INFO [worker] job 17 done
"""


def records():
    return list(parse_lines(LOG.splitlines()))


def test_parse_line_fields():
    r = parse_line("2024-05-01T10:00:05Z WARN [db] slow query")
    assert (r.level, r.service, r.message) == ("WARNING", "db", "slow query")
    assert r.when.hour == 10


def test_bad_level():
    with pytest.raises(ValueError):
        parse_line("2024-05-01T10:00:05Z LOUD [db] hi")


def test_by_service():
    groups = by_service(records())
    assert sorted(groups) == ["api", "db", "worker"]
    assert len(groups["api"]) == 2


def test_by_level_of_nothing():
    assert by_level([]) == {lvl: [] for lvl in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")}


def test_by_level():
    groups = by_level(records())
    assert [r.message for r in groups["INFO"]] == ["started", "job 17 done"]
    assert groups["DEBUG"] == []


def test_summary():
    assert summary(records(), min_level="INFO") == {
        "INFO": 2, "WARNING": 1, "ERROR": 1, "CRITICAL": 0,
    }
