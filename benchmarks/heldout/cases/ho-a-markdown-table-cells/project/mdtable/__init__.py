"""Render rows of data as GitHub-flavoured markdown tables, and read them back."""

from mdtable.parse import parse_table
from mdtable.render import render_table

__all__ = ["parse_table", "render_table"]
