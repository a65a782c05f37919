"""Searching a photo library with boolean tag queries."""

from phototags.library import Photo, PhotoLibrary
from phototags.parser import QuerySyntaxError, parse_query
from phototags.query import And, Not, Or, Tag

__all__ = ["And", "Not", "Or", "Photo", "PhotoLibrary", "QuerySyntaxError", "Tag", "parse_query"]
