"""Prime numbers via the sieve of Eratosthenes."""
from typing import Dict, List


def primes_up_to(n: int) -> List[int]:
    """All primes p with 2 <= p <= n."""
    if n < 2:
        return []
    is_prime = [True] * (n + 1)
    is_prime[0] = is_prime[1] = False
    for p in range(2, int(n ** 0.5) + 1):
        if is_prime[p]:
            for multiple in range(p * p, n + 1, p):
                is_prime[multiple] = False
    return [i for i, flag in enumerate(is_prime) if flag]


def prime_factors(n: int) -> Dict[int, int]:
    """Factorisation of n >= 2 as {prime: exponent}."""
    if n < 2:
        raise ValueError("n must be >= 2")
    factors: Dict[int, int] = {}
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors[d] = factors.get(d, 0) + 1
            n //= d
        d += 1
    if n > 1:
        factors[n] = factors.get(n, 0) + 1
    return factors


def twin_primes(n: int) -> List[tuple]:
    ps = primes_up_to(n)
    return [(a, b) for a, b in zip(ps, ps[1:]) if b - a == 2]
