from datetime import date, timedelta

import pytest

from library import Book, BorrowingBlocked, Catalog, Desk


@pytest.fixture
def desk():
    catalog = Catalog()
    catalog.add(Book("111", "Dune", "Herbert"))
    catalog.add(Book("222", "Emma", "Austen"))
    catalog.add(Book("333", "Ulysses", "Joyce"))
    return Desk(catalog)


def test_checkout_sets_due_date_two_weeks_out(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert loan.due == date(2024, 3, 15)
    assert not desk.catalog.is_available("111")


def test_book_on_loan_cannot_be_borrowed_twice(desk):
    desk.checkout("111", "m1", date(2024, 3, 1))
    with pytest.raises(ValueError):
        desk.checkout("111", "m2", date(2024, 3, 2))


def test_late_the_day_after_due(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert loan.is_overdue(loan.due + timedelta(days=1))


def test_not_late_on_due_date(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert not loan.is_overdue(loan.due)


def test_member_with_book_due_today_can_still_borrow(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    second = desk.checkout("222", "m1", loan.due)
    assert second.member_id == "m1"


def test_overdue_member_is_blocked(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    with pytest.raises(BorrowingBlocked):
        desk.checkout("222", "m1", loan.due + timedelta(days=2))


def test_fine_for_three_days_late(desk):
    loan = desk.checkout("111", "m1", date(2024, 3, 1))
    assert desk.checkin("111", loan.due + timedelta(days=3)) == 75
    assert desk.fines == {"m1": 75}
    assert desk.catalog.is_available("111")
