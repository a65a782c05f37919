from gradebook import Gradebook, import_scores

ASSIGNMENTS = {"hw1": (10, 1.0), "exam": (100, 2.0)}


def test_every_kind_of_bad_score_is_reported():
    book = Gradebook(ASSIGNMENTS)
    lines = ["s000001,hw1,9.5", "s000001,hw1,", "s000001,hw1,11", "s000001,hw1,-1", "s000001,exam, 88 "]
    report = import_scores(book, lines)
    assert [n for n, _ in report.errors] == [1, 2, 3, 4]
    assert report.imported == 1
    assert book.scores == {"s000001": {"exam": 88}}


def test_error_message_shows_the_bad_value():
    report = import_scores(Gradebook(ASSIGNMENTS), ["s000001,exam,ninety"])
    (number, message), = report.errors
    assert number == 1 and "ninety" in message


def test_bad_rows_do_not_stop_later_rows():
    book = Gradebook(ASSIGNMENTS)
    report = import_scores(book, ["x1,hw1,3", "s000004,hw1,n/a", "s000004,hw1,3,4", "s000004,hw1,7"])
    assert [n for n, _ in report.errors] == [1, 2, 3]
    assert book.scores == {"s000004": {"hw1": 7}}
