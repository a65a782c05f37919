"""Trial division on every limit up to 400, including squares of primes as limits:
rules out fixes that special-case the visible limits or stop one short."""
from primes import primes_up_to


def is_prime(n):
    return n >= 2 and all(n % d for d in range(2, int(n ** 0.5) + 1))


def test_every_limit():
    for n in range(0, 400):
        assert primes_up_to(n) == [p for p in range(n + 1) if is_prime(p)], n


def test_square_limits():
    for p in (2, 3, 5, 7, 11, 13):
        assert p * p not in primes_up_to(p * p)
