"""Rendering rows as fixed-width text tables for terminal output."""

from clitable.cells import fit, pad
from clitable.columns import Column
from clitable.table import render

__all__ = ["Column", "fit", "pad", "render"]
