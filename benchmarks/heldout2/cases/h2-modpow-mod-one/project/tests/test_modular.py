import pytest

from numtheory.modular import is_probable_prime, mod_inverse, mod_pow


def test_small_powers():
    assert mod_pow(2, 10, 1000) == 24
    assert mod_pow(3, 0, 7) == 1


def test_inverse():
    assert mod_inverse(3, 11) == 4
    with pytest.raises(ValueError):
        mod_inverse(4, 8)


def test_negative_exponent():
    assert mod_pow(3, -1, 11) == 4


def test_primes():
    assert [n for n in range(30) if is_probable_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert is_probable_prime(2_147_483_647)


def test_matches_builtin_pow_for_small_moduli():
    for mod in range(1, 6):
        for base in range(-3, 4):
            for exp in range(0, 4):
                assert mod_pow(base, exp, mod) == pow(base, exp, mod), (base, exp, mod)
