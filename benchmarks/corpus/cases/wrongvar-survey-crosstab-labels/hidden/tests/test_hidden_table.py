from survey import crosstab, load_responses, render_crosstab


def test_answer_labels_with_three_segments():
    text = "\n".join([
        "a; north; tea=yes", "b; south; tea=no", "c; east; tea=yes",
        "d; east; tea=maybe", "e; north; tea=no",
    ])
    lines = render_crosstab(crosstab(load_responses(text), "tea")).splitlines()
    assert [line.split()[0] for line in lines] == ["tea", "no", "yes", "maybe"]
    assert lines[1].split() == ["no", "0%", "50%", "100%", "40%"]


def test_single_segment_table_is_aligned():
    text = "a; all-staff; os=linux\nb; all-staff; os=windows\nc; all-staff; os=linux\n"
    assert render_crosstab(crosstab(load_responses(text), "os")) == (
        "os       all-staff  all\n"
        "linux          67%  67%\n"
        "windows        33%  33%"
    )


def test_answer_equal_to_a_segment_name():
    text = "a; yes; q=no\nb; no; q=yes\nc; no; q=no\n"
    rows = [line.split() for line in render_crosstab(crosstab(load_responses(text), "q")).splitlines()]
    assert rows[1:] == [["no", "50%", "100%", "67%"], ["yes", "50%", "0%", "33%"]]
