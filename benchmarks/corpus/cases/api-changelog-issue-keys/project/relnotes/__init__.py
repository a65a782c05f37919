"""Release notes from ``git log --format='%h %s'`` output."""

from relnotes.changelog import render
from relnotes.commits import Commit, parse_log
from relnotes.subjects import Subject, issue_key, parse_subject

__all__ = ["Commit", "Subject", "issue_key", "parse_log", "parse_subject", "render"]
