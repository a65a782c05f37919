from fuzzy import levenshtein, rank, suggest


def test_identical_strings():
    assert levenshtein("commit", "commit") == 0


def test_delete_to_empty():
    assert levenshtein("abc", "") == 3


def test_single_deletion():
    assert levenshtein("status", "stats") == 1


def test_insert_from_empty():
    assert levenshtein("", "push") == 4


def test_suggest_typo():
    assert suggest("comit", ["commit", "checkout", "clone"]) == "commit"


def test_suggest_short_word_against_long_commands():
    assert suggest("x", ["xyzzy", "init"]) is None
