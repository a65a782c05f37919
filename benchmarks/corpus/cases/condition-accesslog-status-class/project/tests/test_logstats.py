from datetime import timezone

import pytest

from logstats import parse_line, parse_log, status_class, summarize

LOG = """\
10.0.0.1 - alice [10/Oct/2023:13:55:36 +0000] "GET /index.html HTTP/1.1" 200 2326
10.0.0.2 - - [10/Oct/2023:13:55:40 +0000] "GET /missing HTTP/1.1" 404 512
10.0.0.1 - alice [10/Oct/2023:13:56:01 +0000] "POST /api/orders?x=1 HTTP/1.1" 502 -
10.0.0.3 - - [10/Oct/2023:13:56:09 +0000] "GET /index.html HTTP/1.1" 304 0

10.0.0.2 - - [10/Oct/2023:13:57:00 +0000] "GET /api/orders HTTP/1.1" 500 87
"""


def test_parse_line():
    e = parse_line(LOG.splitlines()[2])
    assert (e.host, e.user, e.method, e.path, e.status, e.size) == (
        "10.0.0.1", "alice", "POST", "/api/orders", 502, 0)
    assert e.time.tzinfo == timezone.utc


def test_bad_line():
    with pytest.raises(ValueError):
        parse_line("garbage")


def test_totals_and_hosts():
    s = summarize(parse_log(LOG.splitlines()))
    assert s.requests == 5
    assert s.bytes_sent == 2925
    assert s.hosts == {"10.0.0.1", "10.0.0.2", "10.0.0.3"}


def test_error_rate_and_top_paths():
    s = summarize(parse_log(LOG.splitlines()))
    assert s.error_rate == pytest.approx(0.6)
    assert s.top_paths(2) == [("/api/orders", 2), ("/index.html", 2)]


def test_status_classes_in_summary():
    s = summarize(parse_log(LOG.splitlines()))
    assert dict(s.by_class) == {"success": 1, "client_error": 1, "server_error": 2, "redirect": 1}


def test_status_class_of_common_codes():
    assert status_class(200) == "success"
    assert status_class(301) == "redirect"
    assert status_class(404) == "client_error"
    assert status_class(101) == "informational"
