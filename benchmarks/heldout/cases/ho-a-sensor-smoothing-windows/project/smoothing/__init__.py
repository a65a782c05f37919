"""Smoothing filters for noisy sensor series."""

from smoothing.filters import exponential, median_filter, moving_average
from smoothing.readings import Reading, clean, smooth_series

__all__ = ["Reading", "clean", "exponential", "median_filter", "moving_average", "smooth_series"]
