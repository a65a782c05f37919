"""A small RFC 6902 JSON Patch implementation."""

from jsonpatch.apply import apply_patch
from jsonpatch.pointer import PointerError, parse_pointer
from jsonpatch.ops import PatchConflict

__all__ = ["PatchConflict", "PointerError", "apply_patch", "parse_pointer"]
