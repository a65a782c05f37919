"""Likely secrets are found and replaced before text leaves the machine; ordinary code and
prose are left alone."""

from __future__ import annotations

import pytest
from homeostasis.core.redaction import MARK, redact, without_credentials


@pytest.mark.parametrize(("line", "secret", "kind"), [
    ('API_KEY = "sk-abcdefghijklmnopqrstuvwxyz123456"', "sk-abcdef", "OpenAI key"),
    ("aws = 'AKIAABCDEFGHIJKLMNOP'", "AKIAABCDEFGHIJKLMNOP", "AWS access key"),
    ("GITHUB=ghp_abcdefghijklmnopqrstuvwxyz0123456789", "ghp_abc", "GitHub token"),
    ("Authorization: Bearer abcdefghijklmnop1234", "abcdefghijklmnop1234",
     "authorization credential"),
    ("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpw", "authorization credential"),
    ('"Authorization": "Token 9f8e7d6c5b4a39281706"', "9f8e7d6c", "authorization credential"),
    ("url = 'postgres://bob:s3cr3tpw@db/x'", "s3cr3tpw", "URL password"),
    ('password = "correct horse battery staple"', "correct horse", "value of password"),
    ("DB_PASS=hunter2hunter2", "hunter2hunter2", "value of DB_PASS"),
    ("client_secret: 'abc123def456'", "abc123def456", "value of client_secret"),
])
def test_secrets_are_replaced_and_reported(line: str, secret: str, kind: str) -> None:
    text, found = redact(f"x = 1\n{line}\n", "context")
    assert secret not in text and MARK in text
    assert [(f.where, f.line, f.kind) for f in found] == [("context", 2, kind)]


@pytest.mark.parametrize("line", [
    "token = os.environ['TOKEN']",
    "password_hash = compute(x)",
    "token_url = 'https://example.com/token'",
    "author: Alexander",
    "the token refreshing logic runs hourly",
    "DEBUG = True",
    "api_key = None",
])
def test_ordinary_code_is_left_alone(line: str) -> None:
    assert redact(line, "context") == (line, [])


def test_a_private_key_block_goes_whole() -> None:
    block = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----"
    text, found = redact(f"key = '''\n{block}\n'''", "context")
    assert "MIIEow" not in text and [f.kind for f in found] == ["private key"]


def test_credentials_in_a_url_are_dropped_for_records() -> None:
    assert without_credentials("https://u:p@proxy:8080/v1") == "https://proxy:8080/v1"
    assert without_credentials("http://localhost:8000/v1") == "http://localhost:8000/v1"
