from searchlite import InvertedIndex


def build():
    index = InvertedIndex()
    index.add("a", "red apples and green pears")
    index.add("b", "green green grass")
    return index


def test_any_search_ignores_unknown_words():
    assert build().search_any("green unicorn") == ["b", "a"]


def test_all_search_with_one_unknown_word():
    assert build().search("green unicorn") == []


def test_lookups_do_not_grow_the_vocabulary():
    index = build()
    before = index.vocabulary()
    index.search("zebra")
    index.search_any("yak zebra")
    assert index.vocabulary() == before


def test_empty_index():
    index = InvertedIndex()
    assert index.search("anything") == []
    assert index.search_any("anything") == []
