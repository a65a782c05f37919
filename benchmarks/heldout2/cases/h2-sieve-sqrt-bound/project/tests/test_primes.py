from primes import prime_factors, primes_up_to, twin_primes


def test_tiny_limits():
    assert primes_up_to(1) == []
    assert primes_up_to(2) == [2]


def test_up_to_twenty():
    assert primes_up_to(20) == [2, 3, 5, 7, 11, 13, 17, 19]


def test_up_to_thirty():
    assert primes_up_to(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]


def test_count_below_hundred():
    assert len(primes_up_to(100)) == 25


def test_factors():
    assert prime_factors(360) == {2: 3, 3: 2, 5: 1}


def test_twin_primes_up_to_fifty():
    assert twin_primes(50) == [(3, 5), (5, 7), (11, 13), (17, 19), (29, 31), (41, 43)]
