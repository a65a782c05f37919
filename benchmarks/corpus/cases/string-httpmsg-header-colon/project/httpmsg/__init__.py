"""Parse raw HTTP/1.1 requests."""

from httpmsg.headers import Headers
from httpmsg.request import BadRequest, Request, parse_request

__all__ = ["BadRequest", "Headers", "Request", "parse_request"]
