"""A tiny spreadsheet: cells, references and a few formulas."""

from sheet.cells import coerce, parse_ref
from sheet.workbook import CircularReference, Sheet

__all__ = ["CircularReference", "Sheet", "coerce", "parse_ref"]
