import pytest

from ledger import CurrencyMismatch, InsufficientFunds, Ledger, Money


@pytest.fixture
def book():
    ledger = Ledger()
    ledger.open("alice", "EUR")
    ledger.open("bob", "EUR")
    ledger.open("carol", "USD")
    ledger.fund("alice", Money.parse("100.00 EUR"))
    ledger.fund("carol", Money.parse("50.00 USD"))
    return ledger


def test_parse_and_format():
    assert Money.parse("12.5 eur") == Money("EUR", 1250)
    assert str(Money("USD", -305)) == "-3.05 USD"


def test_transfer_moves_money(book):
    book.transfer("alice", "bob", Money.parse("30.00 EUR"), "rent")
    assert book.accounts["alice"].balance == Money("EUR", 7000)
    assert book.accounts["bob"].balance == Money("EUR", 3000)
    assert book.statement("bob") == ["+30.00 EUR from alice rent"]


def test_insufficient_funds(book):
    with pytest.raises(InsufficientFunds):
        book.transfer("alice", "bob", Money.parse("100.01 EUR"))


def test_non_positive_amount_rejected(book):
    with pytest.raises(ValueError):
        book.transfer("alice", "bob", Money("EUR", 0))


def test_currency_of_neither_account_rejected(book):
    with pytest.raises(CurrencyMismatch):
        book.transfer("alice", "bob", Money.parse("1.00 USD"))


def test_transfer_into_other_currency_account_rejected(book):
    with pytest.raises(CurrencyMismatch):
        book.transfer("alice", "carol", Money.parse("10.00 EUR"))
