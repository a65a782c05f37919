"""The RIFF/WAVE header. All integers in a RIFF file are little-endian.

    "RIFF" <size of the rest of the file> "WAVE"
    "fmt " <16> <format=1 (PCM)> <channels> <sample rate> <byte rate> <block align> <bits>
    "data" <size of the samples> <samples...>

Readers must skip chunks they do not know (``LIST``, ``fact``, …).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass


class WavError(ValueError):
    pass


@dataclass(frozen=True)
class WavFormat:
    channels: int
    sample_rate: int
    bits: int = 16

    @property
    def block_align(self) -> int:
        return self.channels * self.bits // 8

    @property
    def byte_rate(self) -> int:
        return self.sample_rate * self.block_align


def build_header(fmt: WavFormat, data_size: int) -> bytes:
    return struct.pack(
        ">4sI4s4sIHHIIHH4sI",
        b"RIFF", 36 + data_size, b"WAVE",
        b"fmt ", 16, 1, fmt.channels, fmt.sample_rate, fmt.byte_rate, fmt.block_align, fmt.bits,
        b"data", data_size,
    )


def parse_header(data: bytes) -> tuple[WavFormat, int, int]:
    """The format, and the offset and size of the sample data."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise WavError("not a RIFF/WAVE file")
    fmt: WavFormat | None = None
    offset = 12
    while offset + 8 <= len(data):
        chunk_id, size = struct.unpack_from(">4sI", data, offset)
        body = offset + 8
        if chunk_id == b"fmt ":
            tag, channels, rate, _, _, bits = struct.unpack_from(">HHIIHH", data, body)
            if tag != 1:
                raise WavError(f"only PCM is supported, not format {tag}")
            fmt = WavFormat(channels, rate, bits)
        elif chunk_id == b"data":
            if fmt is None:
                raise WavError("data chunk before fmt chunk")
            return fmt, body, min(size, len(data) - body)
        offset = body + size + (size & 1)
    raise WavError("no data chunk")
