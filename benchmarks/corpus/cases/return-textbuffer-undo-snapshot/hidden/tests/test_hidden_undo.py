from textbuf import Buffer, Editor


def test_several_undos_walk_back_in_order():
    ed = Editor("a")
    ed.append("b")
    ed.insert(1, "start")
    ed.delete(2)
    assert ed.text == "start\nb"
    ed.undo()
    assert ed.text == "start\na\nb"
    ed.undo()
    assert ed.text == "a\nb"
    ed.undo()
    assert ed.text == "a"


def test_undo_substitute():
    ed = Editor("red fish\nblue fish")
    ed.substitute("fish", "cat")
    ed.undo()
    assert ed.text == "red fish\nblue fish"


def test_snapshot_does_not_follow_later_edits():
    b = Buffer("x\ny")
    saved = b.snapshot()
    b.replace(1, "z")
    b.insert(3, "w")
    assert saved == ["x", "y"]


def test_changing_returned_lines_leaves_the_editor_alone():
    ed = Editor("keep")
    lines = ed.lines()
    lines.append("stray")
    lines[0] = "lost"
    assert ed.text == "keep"
    ed.append("more")
    ed.undo()
    assert ed.text == "keep"
