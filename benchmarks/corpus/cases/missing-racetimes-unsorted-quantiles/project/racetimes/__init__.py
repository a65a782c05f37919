"""Results of a running race: finishing times, placings and summary statistics."""

from racetimes.clock import format_time, parse_time
from racetimes.results import Finisher, Results
from racetimes.stats import Summary, quantile, summarize

__all__ = ["Finisher", "Results", "Summary", "format_time", "parse_time", "quantile",
           "summarize"]
