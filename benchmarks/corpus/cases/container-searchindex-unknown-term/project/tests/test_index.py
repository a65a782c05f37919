import pytest

from searchlite import InvertedIndex, tokenize


def build():
    index = InvertedIndex()
    index.add("d1", "The cat sat on the mat.")
    index.add("d2", "A dog and a cat; the cat won.")
    index.add("d3", "Dogs don't like baths.")
    return index


def test_tokenize_drops_stopwords():
    assert tokenize("The Cat and THE hat") == ["cat", "hat"]
    assert tokenize("don't stop") == ["don't", "stop"]


def test_search_all_words():
    assert build().search("cat dog") == ["d2"]


def test_search_ranks_by_frequency():
    assert build().search("cat") == ["d2", "d1"]


def test_search_any():
    assert build().search_any("mat dog") == ["d1", "d2"]


def test_unknown_word_finds_nothing():
    assert build().search("unicorn") == []


def test_stopword_only_query():
    assert build().search("the and of") == []


def test_duplicate_document_rejected():
    index = build()
    with pytest.raises(ValueError):
        index.add("d1", "again")
