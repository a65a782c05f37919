from gradebook import Gradebook, import_scores

ASSIGNMENTS = {"hw1": (10, 1.0), "hw2": (20, 1.0), "exam": (100, 2.0)}


def test_import_valid_sheet():
    book = Gradebook(ASSIGNMENTS)
    report = import_scores(book, ["student,assignment,score", "S000001,hw1,9", "s000001, HW2 , 15"])
    assert report.ok and report.imported == 2
    assert book.scores == {"s000001": {"hw1": 9, "hw2": 15}}


def test_unknown_assignment_row_is_skipped():
    book = Gradebook(ASSIGNMENTS)
    report = import_scores(book, ["s000001,hw9,5", "s000001,hw1,5"])
    assert report.imported == 1
    assert [n for n, _ in report.errors] == [1]


def test_non_numeric_score_row_is_skipped():
    book = Gradebook(ASSIGNMENTS)
    report = import_scores(book, ["student,assignment,score", "s000002,hw1,absent", "s000002,hw2,18"])
    assert report.imported == 1
    assert [n for n, _ in report.errors] == [2]
    assert book.scores["s000002"] == {"hw2": 18}


def test_weighted_percent_and_letter():
    book = Gradebook(ASSIGNMENTS)
    book.record("s000003", "hw1", 10)
    book.record("s000003", "exam", 70)
    assert book.percent("s000003") == 80.0
    assert book.letter("s000003") == "B"


def test_student_without_scores():
    assert Gradebook(ASSIGNMENTS).letter("s999999") == "F"
