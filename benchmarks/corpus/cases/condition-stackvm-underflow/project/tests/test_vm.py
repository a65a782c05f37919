import pytest

from stackvm import VMError, run, tokenize


def test_tokenize_numbers_words_and_comments():
    assert tokenize("1 -2 DUP # ignored\n+") == [1, -2, "dup", "+"]


def test_arithmetic():
    assert run("2 3 + 4 *").stack == [20]
    assert run("7 2 / 7 2 -").stack == [3, 5]


def test_print_and_swap():
    assert run("1 2 swap . .").output == [1, 2]


def test_definitions():
    assert run(": square dup * ; 9 square").stack == [81]


def test_division_by_zero():
    with pytest.raises(VMError):
        run("1 0 /")


def test_unknown_word():
    with pytest.raises(VMError):
        run("1 frobnicate")


def test_adding_with_one_value_is_an_error():
    with pytest.raises(VMError, match="stack underflow"):
        run("5 +")


def test_printing_an_empty_stack_is_an_error():
    with pytest.raises(VMError):
        run(".")
