"""Record layouts (columns are 1-based, inclusive, as in the bank's spec):

    header  H | bank code 2-5  | statement date 6-13 (YYYYMMDD)
    detail  D | account 2-11   | booking date 12-19  | amount 20-31 (cents) | sign 32 (C/D) | memo 33-
    trailer T | count 2-7      | net total 8-21 (cents) | sign 22 (C/D)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


class StatementError(ValueError):
    pass


@dataclass(frozen=True)
class Transaction:
    account: str
    booked: date
    cents: int
    memo: str


def _date(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise StatementError(f"bad date {text!r}") from None


def _signed(digits: str, sign: str) -> int:
    if not digits.isdigit():
        raise StatementError(f"bad amount {digits!r}")
    if sign not in ("C", "D"):
        raise StatementError(f"bad sign {sign!r}")
    return int(digits) if sign == "C" else -int(digits)


def parse_detail(line: str) -> Transaction:
    if not line.startswith("D") or len(line) < 32:
        raise StatementError(f"not a detail record: {line!r}")
    return Transaction(
        account=line[1:11].strip(),
        booked=_date(line[11:19]),
        cents=_signed(line[19:30], line[31]),
        memo=line[32:].rstrip(),
    )


def parse_statement(text: str) -> tuple[str, date, list[Transaction]]:
    """Bank code, statement date and the detail records, checked against the trailer."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("H") or not lines[-1].startswith("T"):
        raise StatementError("statement needs a header and a trailer record")
    header, trailer = lines[0], lines[-1]
    details = [parse_detail(line) for line in lines[1:-1]]
    count, total = int(trailer[1:7]), _signed(trailer[7:21], trailer[21])
    if count != len(details):
        raise StatementError(f"trailer counts {count} records, found {len(details)}")
    if total != sum(t.cents for t in details):
        raise StatementError("trailer total does not match the detail records")
    return header[1:5], _date(header[5:13]), details
