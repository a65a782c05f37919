"""Building simple spreadsheets from tabular data, with A1-style cell references."""

from sheetexport.cells import BadReference, column_index, column_name, format_ref, parse_ref
from sheetexport.sheet import Sheet

__all__ = ["BadReference", "Sheet", "column_index", "column_name", "format_ref", "parse_ref"]
