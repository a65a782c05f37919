"""Read the bank's fixed-width daily statement files."""

from statements.records import StatementError, Transaction, parse_detail, parse_statement
from statements.summary import balances, largest

__all__ = ["StatementError", "Transaction", "balances", "largest", "parse_detail", "parse_statement"]
