"""Modular arithmetic helpers (a small subset of what pow() and math offer)."""
from typing import Tuple


def extended_gcd(a: int, b: int) -> Tuple[int, int, int]:
    """Return (g, x, y) with a*x + b*y == g == gcd(a, b)."""
    old_r, r = a, b
    old_s, s = 1, 0
    old_t, t = 0, 1
    while r:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
        old_t, t = t, old_t - q * t
    return old_r, old_s, old_t


def mod_inverse(a: int, mod: int) -> int:
    g, x, _ = extended_gcd(a % mod, mod)
    if g != 1:
        raise ValueError(f"{a} has no inverse modulo {mod}")
    return x % mod


def mod_pow(base: int, exp: int, mod: int) -> int:
    """base ** exp % mod, like the three-argument pow(); negative exp uses the inverse."""
    if mod <= 0:
        raise ValueError("modulus must be positive")
    if exp < 0:
        base = mod_inverse(base, mod)
        exp = -exp
    result = 1
    base %= mod
    while exp:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result


def is_probable_prime(n: int) -> bool:
    """Deterministic Miller-Rabin for n < 3.3e24."""
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = mod_pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True
