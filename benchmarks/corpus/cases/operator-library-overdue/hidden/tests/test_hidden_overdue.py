from datetime import date, timedelta

from library import Book, Catalog, Desk, Loan


def make_desk():
    catalog = Catalog()
    catalog.add(Book("111", "Dune", "Herbert"))
    catalog.add(Book("222", "Emma", "Austen"))
    return Desk(catalog)


def test_overdue_report_leaves_out_books_due_today():
    desk = make_desk()
    desk.checkout("111", "m1", date(2024, 3, 1))
    desk.checkout("222", "m2", date(2024, 2, 28))
    assert desk.overdue_report(date(2024, 3, 15)) == [("m2", "Emma", 2)]


def test_overdue_report_on_due_date_is_empty():
    desk = make_desk()
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert desk.overdue_report(loan.due) == []
    assert desk.overdue_report(loan.due + timedelta(days=1)) == [("m1", "Dune", 1)]


def test_loan_boundaries_directly():
    loan = Loan.start("111", "m1", date(2024, 1, 30))
    assert not loan.is_overdue(date(2024, 2, 13))
    assert loan.is_overdue(date(2024, 2, 14))
    assert not loan.is_overdue(date(2024, 2, 12))
    loan.returned = date(2024, 2, 20)
    assert not loan.is_overdue(date(2024, 2, 20))


def test_returning_on_due_date_costs_nothing():
    desk = make_desk()
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert desk.checkin("111", loan.due) == 0
    assert desk.fines == {}
