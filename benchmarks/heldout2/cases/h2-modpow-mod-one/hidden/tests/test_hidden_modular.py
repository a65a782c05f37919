"""Zero exponents with moduli other than 1 must still give 1, and large values must
agree with pow(): rules out `if exp == 0: return 0` style patches."""
import random

from numtheory.modular import mod_pow


def test_modulus_one_always_zero():
    assert mod_pow(12345, 0, 1) == 0
    assert mod_pow(0, 0, 1) == 0
    assert mod_pow(7, 5, 1) == 0


def test_zero_exponent_other_moduli():
    assert mod_pow(0, 0, 5) == 1
    assert mod_pow(10, 0, 2) == 1


def test_random_against_pow():
    rng = random.Random(5)
    for _ in range(300):
        b, e, m = rng.randint(-10**6, 10**6), rng.randint(0, 200), rng.randint(1, 10**9)
        assert mod_pow(b, e, m) == pow(b, e, m)
