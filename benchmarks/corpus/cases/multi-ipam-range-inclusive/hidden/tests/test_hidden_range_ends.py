import pytest

from ipam import AddressPool, IPRange, PoolFull


def test_single_address_range():
    one = IPRange.parse("10.9.9.9/32")
    assert one.size == 1
    assert "10.9.9.9" in one
    assert [str(IPRange(a, a)) for a in one] == ["10.9.9.9-10.9.9.9"]


def test_pool_hands_out_every_address():
    pool = AddressPool("192.168.0.0/30")
    assert pool.free == 4
    got = [pool.allocate(f"h{i}") for i in range(4)]
    assert got == ["192.168.0.0", "192.168.0.1", "192.168.0.2", "192.168.0.3"]
    assert pool.free == 0
    with pytest.raises(PoolFull):
        pool.allocate("h4")


def test_reserving_the_last_address():
    pool = AddressPool("10.0.0.0/30", reserved=("10.0.0.3",))
    assert pool.free == 3


def test_whole_space():
    assert IPRange.parse("0.0.0.0/0").size == 2**32
    assert "255.255.255.255" in IPRange.parse("0.0.0.0/0")
