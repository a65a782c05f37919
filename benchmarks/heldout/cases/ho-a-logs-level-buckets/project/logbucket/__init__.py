"""Parse service log lines and summarise them by level and service."""

from logbucket.group import by_level, by_service, summary
from logbucket.parse import LogRecord, parse_line, parse_lines

__all__ = ["LogRecord", "by_level", "by_service", "parse_line", "parse_lines", "summary"]
