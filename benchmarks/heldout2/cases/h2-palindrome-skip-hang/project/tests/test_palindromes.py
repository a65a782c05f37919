from wordplay.palindromes import is_palindrome, longest_palindrome, palindromic_lines


def test_single_words():
    assert is_palindrome("Level")
    assert is_palindrome("racecar")
    assert not is_palindrome("python")


def test_empty_and_one_char():
    assert is_palindrome("")
    assert is_palindrome("x")


def test_longest_substring():
    assert longest_palindrome("forgeeksskeegfor") == "geeksskeeg"
    assert longest_palindrome("abacdfgdcaba") == "aba"


def test_sentence_with_punctuation():
    assert is_palindrome("A man, a plan, a canal: Panama")


def test_lines_report():
    assert palindromic_lines(["Madam", "hello", "", "Step on no pets!"]) == [1, 4]
