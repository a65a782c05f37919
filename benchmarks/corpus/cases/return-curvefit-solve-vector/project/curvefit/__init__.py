"""Polynomial interpolation and least-squares fitting of measurements."""

from curvefit.fit import interpolate, polyfit, r_squared
from curvefit.linsys import SingularSystem, solve
from curvefit.poly import Polynomial

__all__ = ["Polynomial", "SingularSystem", "interpolate", "polyfit", "r_squared", "solve"]
