"""Summaries of web server access logs (Common Log Format)."""

from logstats.parser import LogEntry, parse_line, parse_log
from logstats.summary import Summary, status_class, summarize

__all__ = ["LogEntry", "Summary", "parse_line", "parse_log", "status_class", "summarize"]
