import pytest

from ledger import CurrencyMismatch, Ledger, Money


def make_ledger():
    ledger = Ledger()
    ledger.open("eur", "EUR")
    ledger.open("usd", "USD")
    ledger.open("eur2", "EUR")
    ledger.fund("eur", Money("EUR", 10_000))
    ledger.fund("usd", Money("USD", 10_000))
    return ledger


def test_failed_transfer_into_other_currency_leaves_source_untouched():
    ledger = make_ledger()
    with pytest.raises(CurrencyMismatch):
        ledger.transfer("eur", "usd", Money("EUR", 2_500))
    assert ledger.accounts["eur"].balance == Money("EUR", 10_000)
    assert ledger.accounts["usd"].balance == Money("USD", 10_000)
    assert ledger.journal == []


def test_transfer_out_of_other_currency_account_rejected():
    ledger = make_ledger()
    with pytest.raises(CurrencyMismatch):
        ledger.transfer("usd", "eur", Money("EUR", 100))
    assert ledger.accounts["eur"].balance == Money("EUR", 10_000)
    assert ledger.journal == []


def test_same_currency_transfer_still_works():
    ledger = make_ledger()
    ledger.transfer("eur", "eur2", Money("EUR", 1))
    assert ledger.accounts["eur2"].balance == Money("EUR", 1)
    assert len(ledger.journal) == 1
