from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ipam.addresses import format_ip, parse_ip


@dataclass(frozen=True)
class IPRange:
    """The addresses from ``first`` to ``last``, both included."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise ValueError("a range cannot end before it starts")

    @classmethod
    def parse(cls, text: str) -> "IPRange":
        """``"10.0.0.10-10.0.0.20"`` or a CIDR block such as ``"10.0.0.0/24"``."""
        if "/" in text:
            address, _, bits = text.partition("/")
            prefix = int(bits)
            if not 0 <= prefix <= 32:
                raise ValueError(f"bad prefix length /{prefix}")
            mask = (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF
            network = parse_ip(address) & mask
            return cls(network, network | (~mask & 0xFFFFFFFF))
        start, _, end = text.partition("-")
        return cls(parse_ip(start), parse_ip(end))

    @property
    def size(self) -> int:
        return self.last - self.first + 1

    def __contains__(self, address: object) -> bool:
        value = parse_ip(address) if isinstance(address, str) else address
        return isinstance(value, int) and self.first <= value <= self.last

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.first, self.first + self.size))

    def overlaps(self, other: "IPRange") -> bool:
        return self.first <= other.last and other.first <= self.last

    def __str__(self) -> str:
        return f"{format_ip(self.first)}-{format_ip(self.last)}"
