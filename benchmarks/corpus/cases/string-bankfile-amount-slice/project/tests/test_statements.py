from datetime import date

import pytest

from statements import StatementError, Transaction, balances, parse_detail, parse_statement

STATEMENT = """\
HBK0120240603
D001234567820240602000000001250CSALARY JUNE
D001234567820240603000000000399DCOFFEE
D009988776620240603000000010000DRENT
T00000300000000009149D
"""


def test_detail_record():
    t = parse_detail("D001234567820240603000000000399DCOFFEE")
    assert t == Transaction("0012345678", date(2024, 6, 3), -399, "COFFEE")


def test_full_statement():
    bank, day, details = parse_statement(STATEMENT)
    assert (bank, day, len(details)) == ("BK01", date(2024, 6, 3), 3)
    assert balances(details) == {"0012345678": 851, "0099887766": -10000}


def test_bad_sign():
    with pytest.raises(StatementError):
        parse_detail("D001234567820240603000000000399XCOFFEE")


def test_not_a_detail_record():
    with pytest.raises(StatementError):
        parse_detail("X001234567820240603000000000399DCOFFEE")


def test_missing_trailer():
    with pytest.raises(StatementError):
        parse_statement("HBK0120240603\n")


def test_balances_per_account():
    txs = [Transaction("A", date(2024, 1, 1), 500, ""), Transaction("A", date(2024, 1, 2), -200, ""),
           Transaction("B", date(2024, 1, 2), 70, "")]
    assert balances(txs) == {"A": 300, "B": 70}
