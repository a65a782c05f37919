"""A small logic-less template language in the style of Mustache."""

from minitpl.parser import TemplateSyntaxError, parse
from minitpl.render import Template, render

__all__ = ["Template", "TemplateSyntaxError", "parse", "render"]
