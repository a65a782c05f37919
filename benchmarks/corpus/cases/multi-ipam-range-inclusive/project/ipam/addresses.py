from __future__ import annotations


def parse_ip(text: str) -> int:
    parts = text.strip().split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        raise ValueError(f"not an IPv4 address: {text!r}")
    value = 0
    for part in parts:
        value = value << 8 | int(part)
    return value


def format_ip(value: int) -> str:
    if not 0 <= value < 2**32:
        raise ValueError(f"out of IPv4 range: {value}")
    return ".".join(str(value >> shift & 0xFF) for shift in (24, 16, 8, 0))
