from sheet import Sheet, coerce


def test_coerce_kinds():
    assert coerce(" 42 ") == 42
    assert coerce("1e3") == 1000.0
    assert coerce("-0.5") == -0.5
    assert coerce("12abc") == "12abc"
    assert coerce("   ") is None


def test_text_in_arithmetic_is_value_error():
    s = Sheet()
    s.set("A1", "n/a")
    s.set("A2", "=A1+1")
    assert s.value("A2") == "#VALUE!"


def test_avg_of_only_text_is_div0():
    s = Sheet()
    s.set("A1", "none")
    s.set("A2", "yet")
    s.set("A3", "=AVG(A1:A2)")
    assert s.value("A3") == "#DIV/0!"
