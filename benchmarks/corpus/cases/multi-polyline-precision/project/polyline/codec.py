"""Google's encoded polyline algorithm (precision 5: coordinates are stored in 1e-5 degrees).

Each coordinate is stored as the difference from the previous point, zig-zag encoded and
split into 5-bit chunks, each chunk offset by 63 so that it is a printable character.
"""

from __future__ import annotations


def _encode_value(value: int) -> str:
    value = ~(value << 1) if value < 0 else value << 1
    chunks = []
    while value >= 0x20:
        chunks.append(chr((0x20 | (value & 0x1F)) + 63))
        value >>= 5
    chunks.append(chr(value + 63))
    return "".join(chunks)


def encode(points: list[tuple[float, float]]) -> str:
    out = []
    prev_lat = prev_lng = 0
    for lat, lng in points:
        ilat, ilng = round(lat * 1e6), round(lng * 1e6)
        out.append(_encode_value(ilat - prev_lat))
        out.append(_encode_value(ilng - prev_lng))
        prev_lat, prev_lng = ilat, ilng
    return "".join(out)


def _decode_values(text: str) -> list[int]:
    values, shift, result = [], 0, 0
    for char in text:
        byte = ord(char) - 63
        if not 0 <= byte < 64:
            raise ValueError(f"invalid polyline character {char!r}")
        result |= (byte & 0x1F) << shift
        shift += 5
        if not byte & 0x20:
            values.append(~(result >> 1) if result & 1 else result >> 1)
            shift = result = 0
    if shift:
        raise ValueError("polyline ends in the middle of a value")
    return values


def decode(text: str) -> list[tuple[float, float]]:
    values = _decode_values(text)
    if len(values) % 2:
        raise ValueError("polyline has an odd number of values")
    points, lat, lng = [], 0, 0
    for i in range(0, len(values), 2):
        lat += values[i]
        lng += values[i + 1]
        points.append((lat / 1e6, lng / 1e6))
    return points
