from datetime import date

import pytest

from statements import StatementError, largest, parse_detail, parse_statement


@pytest.mark.parametrize("digits, sign, cents", [
    ("000000000001", "C", 1),
    ("000000000010", "D", -10),
    ("999999999999", "C", 999999999999),
    ("000012345678", "D", -12345678),
])
def test_amount_uses_all_twelve_digits(digits, sign, cents):
    t = parse_detail(f"D998877665520240101{digits}{sign}MEMO")
    assert t.cents == cents
    assert t.memo == "MEMO"


def test_memo_and_account_untouched():
    t = parse_detail("DACC  0004220240229000000000005C  card refund  ")
    assert (t.account, t.booked, t.cents, t.memo) == ("ACC  00042", date(2024, 2, 29), 5, "  card refund")


def test_trailer_mismatch_detected():
    text = "HBK0120240603\nD001234567820240602000000001250CX\nT00000100000000001251C\n"
    with pytest.raises(StatementError):
        parse_statement(text)


def test_largest_movements():
    _, _, details = parse_statement(
        "HBK0120240603\n"
        "D000000000120240602000000000019CA\n"
        "D000000000220240602000000000021DB\n"
        "D000000000320240602000000000020CC\n"
        "T00000300000000000018C\n")
    assert [t.memo for t in largest(details, 2)] == ["B", "C"]
