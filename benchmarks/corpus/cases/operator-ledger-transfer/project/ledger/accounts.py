"""Accounts and the ledger that moves money between them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.money import Money


class CurrencyMismatch(Exception):
    """An amount in one currency was applied to an account held in another."""


class InsufficientFunds(Exception):
    """The source account does not hold enough to cover the transfer."""


@dataclass
class Account:
    name: str
    currency: str
    balance: Money = field(init=False)

    def __post_init__(self) -> None:
        self.balance = Money.zero(self.currency)

    def deposit(self, amount: Money) -> None:
        self.balance = self.balance + amount

    def withdraw(self, amount: Money) -> None:
        self.balance = self.balance - amount


@dataclass(frozen=True)
class Entry:
    source: str
    target: str
    amount: Money
    memo: str


class Ledger:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.journal: list[Entry] = []

    def open(self, name: str, currency: str) -> Account:
        if name in self.accounts:
            raise ValueError(f"account {name!r} already exists")
        account = self.accounts[name] = Account(name, currency)
        return account

    def fund(self, name: str, amount: Money) -> None:
        account = self.accounts[name]
        if amount.currency != account.currency:
            raise CurrencyMismatch(f"{name} holds {account.currency}, not {amount.currency}")
        account.deposit(amount)

    def transfer(self, source: str, target: str, amount: Money, memo: str = "") -> Entry:
        """Move ``amount`` from one account to another.

        Both accounts must be held in the amount's currency, the amount must be
        positive, and the source must cover it; otherwise nothing changes.
        """
        src, dst = self.accounts[source], self.accounts[target]
        if src.currency != amount.currency and dst.currency != amount.currency:
            raise CurrencyMismatch(
                f"cannot move {amount.currency} from {src.currency} to {dst.currency}"
            )
        if amount.cents <= 0:
            raise ValueError("transfer amount must be positive")
        if src.balance.cents < amount.cents:
            raise InsufficientFunds(f"{source} has {src.balance}, needs {amount}")
        src.withdraw(amount)
        dst.deposit(amount)
        entry = Entry(source, target, amount, memo)
        self.journal.append(entry)
        return entry

    def statement(self, name: str) -> list[str]:
        lines = []
        for e in self.journal:
            if e.source == name:
                lines.append(f"-{e.amount} to {e.target} {e.memo}".rstrip())
            elif e.target == name:
                lines.append(f"+{e.amount} from {e.source} {e.memo}".rstrip())
        return lines
