"""Small dense matrices for geometry and least-squares fitting."""

from linalg.fit import fit_line
from linalg.matrix import Matrix, ShapeError

__all__ = ["Matrix", "ShapeError", "fit_line"]
