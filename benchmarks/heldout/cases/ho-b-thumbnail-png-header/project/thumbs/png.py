"""Reading a PNG's size and colour information from its IHDR chunk."""

from __future__ import annotations

import struct
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOR_TYPES = {0: "gray", 2: "rgb", 3: "palette", 4: "gray+alpha", 6: "rgba"}


class InvalidImage(ValueError):
    """The data is not a readable PNG image."""


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    bit_depth: int
    color: str

    @property
    def has_alpha(self) -> bool:
        return self.color.endswith("alpha") or self.color == "rgba"


def read_info(data: bytes) -> ImageInfo:
    """Size and colour type of a PNG; InvalidImage for anything else, including a
    file cut short before the end of its header."""
    if not data.startswith(SIGNATURE):
        raise InvalidImage("not a PNG file")
    try:
        length, chunk_type = struct.unpack(">I4s", data[8:16])
        if chunk_type != b"IHDR" or length != 13:
            raise InvalidImage("PNG does not start with an IHDR chunk")
        width, height, depth, color_type = struct.unpack(">IIBB", data[16:26])
    except ValueError as exc:
        raise InvalidImage(f"unreadable PNG header: {exc}") from exc
    if width == 0 or height == 0:
        raise InvalidImage("PNG has zero width or height")
    if color_type not in COLOR_TYPES:
        raise InvalidImage(f"unknown colour type {color_type}")
    return ImageInfo(width, height, depth, COLOR_TYPES[color_type])
