"""Punctuation on either end, only punctuation, and non-palindromes with punctuation:
compared with a filter-and-reverse reference."""
from wordplay.palindromes import is_palindrome


def ref(text):
    chars = [c.lower() for c in text if c.isalnum()]
    return chars == chars[::-1]


def test_cases_against_reference():
    samples = ["Was it a car or a cat I saw?", "!!", "ab!", "!a", "a!b", "No 'x' in Nixon",
               "Never odd or even.", "not a palindrome!", "...a..", "12 21", "12, 31"]
    for s in samples:
        assert is_palindrome(s) == ref(s), s


def test_trailing_space():
    assert is_palindrome("noon ")
    assert not is_palindrome("nope ")
