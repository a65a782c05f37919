import pytest

from httpmsg import BadRequest, parse_request


def _headers(*lines: str):
    raw = "GET / HTTP/1.1\r\n" + "".join(line + "\r\n" for line in lines) + "\r\n"
    return parse_request(raw.encode("latin-1")).headers


def test_values_keep_every_colon():
    h = _headers("Referer: http://example.com:81/a?t=10:30", "If-Modified-Since: Sat, 01 Jun 2024 10:20:30 GMT")
    assert h.get("referer") == "http://example.com:81/a?t=10:30"
    assert h.get("if-modified-since") == "Sat, 01 Jun 2024 10:20:30 GMT"


def test_no_space_after_colon():
    assert _headers("X-Count:3").get("x-count") == "3"
    assert _headers("X-Time:12:00").get("x-time") == "12:00"


def test_empty_value():
    assert _headers("X-Empty:").get("X-Empty") == ""


def test_space_before_colon_is_rejected():
    with pytest.raises(BadRequest):
        _headers("Host : example.com:8080")
