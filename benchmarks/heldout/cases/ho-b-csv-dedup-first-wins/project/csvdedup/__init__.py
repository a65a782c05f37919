"""Remove duplicate rows from CSV exports."""

from csvdedup.dedup import DedupResult, dedup, make_key
from csvdedup.io import dedup_csv, read_rows, write_rows

__all__ = ["DedupResult", "dedup", "dedup_csv", "make_key", "read_rows", "write_rows"]
