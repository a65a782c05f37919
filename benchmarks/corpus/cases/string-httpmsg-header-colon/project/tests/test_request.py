import pytest

from httpmsg import BadRequest, parse_request


def test_simple_get():
    req = parse_request(b"GET /items?page=2 HTTP/1.1\r\nAccept: */*\r\n\r\n")
    assert (req.method, req.path, req.query) == ("GET", "/items", {"page": ["2"]})
    assert req.headers.get("accept") == "*/*"


def test_post_body_uses_content_length():
    raw = b"POST /f HTTP/1.1\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhelloEXTRA"
    assert parse_request(raw).body == b"hello"


def test_repeated_headers():
    raw = b"GET / HTTP/1.1\r\nAccept: a\r\naccept: b\r\n\r\n"
    assert parse_request(raw).headers.get_all("Accept") == ["a", "b"]


def test_header_without_colon_is_rejected():
    with pytest.raises(BadRequest):
        parse_request(b"GET / HTTP/1.1\r\nNoColonHere\r\n\r\n")


def test_host_with_port():
    req = parse_request(b"GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n")
    assert req.headers.get("Host") == "example.com:8080"


def test_unknown_method():
    with pytest.raises(BadRequest):
        parse_request(b"BREW /pot HTTP/1.1\r\n\r\n")
