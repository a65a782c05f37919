from __future__ import annotations

import array
import sys
from pathlib import Path

from wavkit.header import WavError, WavFormat, build_header, parse_header


def write_wav(path: Path, samples: list[int], sample_rate: int, channels: int = 1) -> None:
    """Write 16-bit samples (interleaved when ``channels`` > 1)."""
    if len(samples) % channels:
        raise WavError("sample count is not a multiple of the channel count")
    pcm = array.array("h", samples)
    if sys.byteorder == "big":
        pcm.byteswap()
    body = pcm.tobytes()
    path.write_bytes(build_header(WavFormat(channels, sample_rate, 16), len(body)) + body)


def read_wav(path: Path) -> tuple[WavFormat, list[int]]:
    data = path.read_bytes()
    fmt, offset, size = parse_header(data)
    if fmt.bits != 16:
        raise WavError(f"only 16-bit samples are supported, not {fmt.bits}-bit")
    pcm = array.array("h")
    pcm.frombytes(data[offset : offset + size - size % 2])
    if sys.byteorder == "big":
        pcm.byteswap()
    return fmt, pcm.tolist()


def duration(fmt: WavFormat, sample_count: int) -> float:
    return sample_count / fmt.channels / fmt.sample_rate
