"""Accounts, money and transfers between them."""

from ledger.accounts import Account, CurrencyMismatch, InsufficientFunds, Ledger
from ledger.money import Money

__all__ = ["Account", "CurrencyMismatch", "InsufficientFunds", "Ledger", "Money"]
