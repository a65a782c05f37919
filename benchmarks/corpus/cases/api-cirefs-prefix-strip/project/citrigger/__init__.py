"""Decide which CI jobs a git push triggers."""

from citrigger.pipeline import PushEvent, jobs_for
from citrigger.refs import Ref, parse_ref
from citrigger.rules import Rule

__all__ = ["PushEvent", "Ref", "Rule", "jobs_for", "parse_ref"]
