import pytest

from sheet import CircularReference, Sheet, parse_ref


def test_parse_ref():
    assert parse_ref("B12") == (1, 11)
    assert parse_ref("AA1") == (26, 0)


def test_numbers_and_arithmetic():
    s = Sheet()
    s.set("A1", "4")
    s.set("A2", "2.5")
    s.set("A3", "=A1*A2")
    assert s.value("A3") == 10.0


def test_sum_range():
    s = Sheet()
    for i, v in enumerate(["1", "2", "3"], start=1):
        s.set(f"B{i}", v)
    s.set("B4", "=SUM(B1:B3)")
    assert s.value("B4") == 6


def test_division_by_zero():
    s = Sheet()
    s.set("A1", "=5/A2")
    assert s.value("A1") == "#DIV/0!"


def test_circular_reference():
    s = Sheet()
    s.set("A1", "=B1+1")
    s.set("B1", "=A1+1")
    with pytest.raises(CircularReference):
        s.value("A1")


def test_text_cell():
    s = Sheet()
    s.set("A1", "Revenue")
    assert s.value("A1") == "Revenue"


def test_sum_skips_header_text():
    s = Sheet()
    s.set("C1", "Q1")
    s.set("C2", "100")
    s.set("C3", "250")
    s.set("C4", "=SUM(C1:C3)")
    assert s.value("C4") == 350
