from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from httpmsg.headers import Headers

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class BadRequest(ValueError):
    """Raw bytes that are not a well-formed HTTP/1.1 request."""


@dataclass
class Request:
    method: str
    target: str
    version: str
    headers: Headers
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.target).query)


def _request_line(line: str) -> tuple[str, str, str]:
    parts = line.split(" ")
    if len(parts) != 3:
        raise BadRequest(f"bad request line {line!r}")
    method, target, version = parts
    if method not in METHODS:
        raise BadRequest(f"unknown method {method!r}")
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise BadRequest(f"unsupported version {version!r}")
    return method, target, version


def _header(line: str) -> tuple[str, str]:
    """``Name: value`` with surrounding whitespace removed from the value."""
    try:
        name, value = line.split(":")
    except ValueError:
        raise BadRequest(f"malformed header line {line!r}") from None
    if not name or name != name.strip():
        raise BadRequest(f"bad header name {name!r}")
    return name, value.strip()


def parse_request(raw: bytes) -> Request:
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        raise BadRequest("request head is not terminated")
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = _request_line(lines[0])
    headers = Headers()
    for line in lines[1:]:
        headers.add(*_header(line))
    length = int(headers.get("Content-Length", "0"))
    if len(body) < length:
        raise BadRequest(f"body is {len(body)} bytes, Content-Length says {length}")
    return Request(method, target, version, headers, body[:length])
