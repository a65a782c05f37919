"""Survey responses: loading, cross-tabulating answers by segment, and printing tables."""

from survey.crosstab import Crosstab, crosstab
from survey.responses import Response, load_responses
from survey.table import percent, render_crosstab

__all__ = ["Crosstab", "Response", "crosstab", "load_responses", "percent", "render_crosstab"]
