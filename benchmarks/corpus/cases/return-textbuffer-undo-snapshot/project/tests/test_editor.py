import pytest

from textbuf import Buffer, Editor, NothingToUndo


def test_buffer_editing():
    b = Buffer("one\ntwo")
    b.insert(2, "one and a half")
    b.replace(1, "ONE")
    assert b.delete(3) == "two"
    assert b.text == "ONE\none and a half"


def test_line_out_of_range():
    with pytest.raises(IndexError):
        Buffer("a").line(2)


def test_substitute_counts_lines():
    ed = Editor("cat\ndog\ncatalog")
    assert ed.substitute("cat", "bat") == 2
    assert ed.text == "bat\ndog\nbatalog"


def test_nothing_to_undo():
    with pytest.raises(NothingToUndo):
        Editor("x").undo()


def test_undo_append():
    ed = Editor("first")
    ed.append("second")
    ed.undo()
    assert ed.text == "first"


def test_undo_then_redo_replace():
    ed = Editor("alpha\nbeta")
    ed.replace(2, "gamma")
    ed.undo()
    assert ed.text == "alpha\nbeta"
    ed.redo()
    assert ed.text == "alpha\ngamma"
