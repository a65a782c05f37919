"""IPv4 address management: ranges, CIDR blocks and address allocation."""

from ipam.addresses import format_ip, parse_ip
from ipam.pool import AddressPool, PoolFull
from ipam.ranges import IPRange

__all__ = ["AddressPool", "IPRange", "PoolFull", "format_ip", "parse_ip"]
