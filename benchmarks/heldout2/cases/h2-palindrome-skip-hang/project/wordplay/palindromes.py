"""Palindrome checks that ignore case, spaces and punctuation."""
from typing import List


def is_palindrome(text: str) -> bool:
    i, j = 0, len(text) - 1
    while i < j:
        while i < j and not text[i].isalnum():
            i += 1
        while i < j and not text[j].isalnum():
            i -= 1
        if text[i].lower() != text[j].lower():
            return False
        i += 1
        j -= 1
    return True


def longest_palindrome(text: str) -> str:
    """Longest palindromic substring (exact characters), first one on ties."""
    best = ""
    for center in range(len(text)):
        for lo, hi in ((center, center), (center, center + 1)):
            while lo >= 0 and hi < len(text) and text[lo] == text[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > len(best):
                best = text[lo + 1:hi]
    return best


def palindromic_lines(lines: List[str]) -> List[int]:
    """Line numbers (1-based) of the non-blank lines that read the same backwards."""
    return [n for n, line in enumerate(lines, 1) if line.strip() and is_palindrome(line)]
