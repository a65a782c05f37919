"""Likely secrets are taken out of anything before it is sent to a model.

Known token shapes (cloud keys; API keys of OpenAI, Stripe, GitHub, GitLab, Slack, npm, PyPI,
SendGrid; bearer tokens, private key blocks, URLs with a password, payment card numbers: 13 to
19 digits, spaces or dashes between, that pass the Luhn check) and values assigned to
secret-sounding names (``password = "…"``, ``API_KEY=…``) are replaced by ``[REDACTED]``;
:func:`is_secret_name` tells a caller that knows a value's name (a function's parameter) to
hide it whatever it looks like. Each finding says where it was (which text, which line) and what
kind it looked like — never the secret itself — so the run can report how many went and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = "[REDACTED]"

_TOKENS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private key", re.compile(
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL)),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("OpenAI key", re.compile(r"\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}")),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})")),
    ("Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    ("Stripe key", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}")),
    ("webhook secret", re.compile(r"\bwhsec_[A-Za-z0-9+/=]{16,}")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("npm token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
    ("PyPI token", re.compile(r"\bpypi-AgE[A-Za-z0-9_-]{50,}")),
    ("SendGrid key", re.compile(r"\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}")),
    ("Slack webhook", re.compile(r"hooks\.slack\.com/services/[A-Za-z0-9/]{20,}")),
    ("JWT", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")),
    ("authorization credential", re.compile(
        r"(?i)\b(?:bearer|basic|token|digest)\s+(?P<v>(?=[A-Za-z._~+/-]*\d)"
        r"[A-Za-z0-9._~+/-]{8,}=*)")),
    ("URL password", re.compile(r"(?<=://)[^/\s:@]+:[^/\s@]+(?=@)")),
)
#: 13 to 19 digits, single spaces or dashes allowed between them (checked with Luhn).
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


#: A name ending in a secret-sounding word, then ``=`` or ``:``, then the value (quoted or bare).
_ASSIGNED = re.compile(
    r"""(?ix)
    (?P<name>[A-Za-z0-9_.-]*(?:password|passwd|pass|pwd|secret|token|api[_-]?key
                             |access[_-]?key|private[_-]?key|credentials?|auth[_-]?token))
    \b
    (?P<sep>["']?\s*[:=]\s*)
    (?:(?P<quote>["'])(?P<quoted>[^"'\n]{6,})(?P=quote)|(?P<value>[^\s"',;]{6,}))
    """)
#: Values that are plainly not secrets (placeholders, references to other settings).
_HARMLESS = re.compile(r"(?i)^(?:none|null|true|false|bearer|basic|changeme|xxx+|\*+|<[^>]*>"
                       r"|\$\{?\w+\}?|os\.environ.*|getenv.*|settings\..*|self\..*"
                       r"|redacted|\[redacted\])$")


#: Words that make a name secret wherever they stand in it (``new_password``, ``sessionId``).
_SECRET_WORDS = frozenset((
    "password", "passwd", "passphrase", "pwd", "pass", "secret", "token", "apikey",
    "credential", "credentials", "creds", "cookie", "cookies", "session", "sessionid", "auth",
    "authorization", "csrf", "xsrf", "otp", "jwt", "bearer", "signature", "privkey", "cvv",
    "cvc", "ssn", "pin"))
#: ``key`` is secret after one of these (``api_key``, ``stripe_key``; not ``cache_key``).
_KEY_KINDS = frozenset((
    "api", "access", "secret", "private", "signing", "encryption", "stripe", "master",
    "license", "client", "app", "auth", "session", "ssh", "aws", "hmac", "webhook"))


def is_secret_name(name: str) -> bool:
    """Whether a variable, parameter or header called ``name`` likely holds a secret, so its
    value is hidden whatever it looks like."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower())
    return any(w in _SECRET_WORDS or (w == "key" and i and words[i - 1] in _KEY_KINDS)
               for i, w in enumerate(words))


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    kind: str


def without_credentials(url: str) -> str:
    """``url`` with any ``user:password@`` part taken out, for run records and messages."""
    return re.sub(r"(?<=://)[^/@\s]*@", "", url)


def redact(text: str, where: str) -> tuple[str, list[Finding]]:
    """``text`` with likely secrets replaced by :data:`MARK`, and what was replaced."""
    findings: list[Finding] = []

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _TOKENS:  # a pattern's group ``v``, when it has one, is the secret
        group = "v" if "v" in pattern.groupindex else 0
        spans += [(m.start(group), m.end(group), kind) for m in pattern.finditer(text)]
    spans += [(m.start(), m.end(), "card number") for m in _CARD.finditer(text)
              if _luhn(re.sub(r"[ -]", "", m.group()))]
    for m in _ASSIGNED.finditer(text):
        part = "quoted" if m.group("quoted") is not None else "value"
        if not _HARMLESS.match(m.group(part)):
            spans.append((m.start(part), m.end(part), f"value of {m.group('name')}"))
    out, last = [], 0
    for start, end, kind in sorted(spans):
        if start < last:  # overlaps one already taken out
            continue
        out += [text[last:start], MARK]
        findings.append(Finding(where, line_of(start), kind))
        last = end
    out.append(text[last:])
    return "".join(out), findings
