import pytest

from ipam import AddressPool, IPRange, PoolFull, format_ip, parse_ip


def test_parse_and_format():
    assert format_ip(parse_ip("192.168.1.20")) == "192.168.1.20"
    with pytest.raises(ValueError):
        parse_ip("300.1.1.1")


def test_cidr_bounds():
    block = IPRange.parse("10.1.2.77/24")
    assert str(block) == "10.1.2.0-10.1.2.255"


def test_cidr_size():
    assert IPRange.parse("10.0.0.0/30").size == 4


def test_last_address_is_in_range():
    block = IPRange.parse("10.0.0.10-10.0.0.20")
    assert "10.0.0.10" in block and "10.0.0.20" in block
    assert "10.0.0.21" not in block


def test_allocation_skips_reserved_and_reuses_leases():
    pool = AddressPool("10.0.0.0/29", reserved=("10.0.0.0",))
    assert pool.allocate("web") == "10.0.0.1"
    assert pool.allocate("db") == "10.0.0.2"
    assert pool.allocate("web") == "10.0.0.1"


def test_overlap():
    assert IPRange.parse("10.0.0.0/24").overlaps(IPRange.parse("10.0.0.255-10.0.1.5"))
    assert not IPRange.parse("10.0.0.0/25").overlaps(IPRange.parse("10.0.0.128/25"))
