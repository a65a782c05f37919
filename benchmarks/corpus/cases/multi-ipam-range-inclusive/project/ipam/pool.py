from __future__ import annotations

from ipam.addresses import format_ip, parse_ip
from ipam.ranges import IPRange


class PoolFull(Exception):
    pass


class AddressPool:
    """Hands out addresses of a range to hosts, lowest free address first."""

    def __init__(self, block: str, reserved: tuple[str, ...] = ()) -> None:
        self.range = IPRange.parse(block)
        self.reserved = {parse_ip(r) for r in reserved}
        for address in self.reserved:
            if address not in self.range:
                raise ValueError(f"reserved address {format_ip(address)} is outside {self.range}")
        self.leases: dict[str, int] = {}

    @property
    def free(self) -> int:
        return self.range.size - len(self.reserved) - len(self.leases)

    def allocate(self, host: str) -> str:
        if host in self.leases:
            return format_ip(self.leases[host])
        used = self.reserved | set(self.leases.values())
        for address in self.range:
            if address not in used:
                self.leases[host] = address
                return format_ip(address)
        raise PoolFull(f"no free address left in {self.range}")

    def release(self, host: str) -> None:
        self.leases.pop(host, None)
