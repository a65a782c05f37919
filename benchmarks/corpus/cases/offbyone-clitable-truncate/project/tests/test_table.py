import pytest

from clitable import Column, fit, pad, render


def test_fit_leaves_short_text_alone():
    assert fit("abc", 5) == "abc"


def test_fit_cuts_long_text_to_width():
    assert fit("abcdefgh", 5) == "abcd…"


def test_pad_alignments():
    assert pad("7", 3, "right") == "  7"
    assert pad("ab", 4, "center") == " ab "
    with pytest.raises(ValueError):
        pad("x", 2, "justify")


def test_column_width_is_capped():
    col = Column("Name", "name", max_width=6)
    assert col.width_for([{"name": "Bo"}]) == 4
    assert col.width_for([{"name": "Bartholomew"}]) == 6


def test_render_simple_table():
    cols = [Column("Item", "item"), Column("Qty", "qty", align="right")]
    out = render(cols, [{"item": "nut", "qty": 12}, {"item": "bolt", "qty": 3}])
    assert out.splitlines() == [
        "+------+-----+",
        "| Item | Qty |",
        "+------+-----+",
        "| nut  |  12 |",
        "| bolt |   3 |",
        "+------+-----+",
    ]


def test_render_truncates_long_cells():
    cols = [Column("City", "city", max_width=8), Column("Pop", "pop", align="right")]
    out = render(cols, [{"city": "Llanfairpwllgwyngyll", "pop": 3107}])
    lines = out.splitlines()
    assert lines[3] == "| Llanfai… | 3107 |"
    assert len({len(line) for line in lines}) == 1
