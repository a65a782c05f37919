"""Rendering transactional emails from small templates."""

from mailtpl.filters import FILTERS, UnknownFilter
from mailtpl.message import EmailTemplate, RenderedEmail
from mailtpl.template import MissingValue, placeholders, render

__all__ = ["EmailTemplate", "FILTERS", "MissingValue", "RenderedEmail", "UnknownFilter",
           "placeholders", "render"]
