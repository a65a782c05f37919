"""Read and write PCM WAV (RIFF) files."""

from wavkit.header import WavFormat, WavError, build_header, parse_header
from wavkit.io import read_wav, write_wav

__all__ = ["WavError", "WavFormat", "build_header", "parse_header", "read_wav", "write_wav"]
