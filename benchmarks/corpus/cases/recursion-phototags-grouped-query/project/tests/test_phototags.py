from datetime import date

import pytest

from phototags import And, Not, Or, PhotoLibrary, QuerySyntaxError, Tag, parse_query


@pytest.fixture
def lib():
    lib = PhotoLibrary()
    lib.add("a.jpg", date(2023, 7, 1), "beach", "sunset")
    lib.add("b.jpg", date(2023, 7, 2), "lake", "sunset", "people")
    lib.add("c.jpg", date(2023, 6, 9), "beach", "people")
    lib.add("d.jpg", date(2023, 8, 3), "mountain", "sunrise")
    return lib


def test_precedence_and_binds_tighter_than_or():
    assert parse_query("a or b and c") == Or(Tag("a"), And(Tag("b"), Tag("c")))


def test_not_and_keywords_are_case_insensitive():
    assert parse_query("Beach AND NOT people") == And(Tag("beach"), Not(Tag("people")))


def test_search_simple(lib):
    assert lib.search("beach") == ["c.jpg", "a.jpg"]
    assert lib.search("sunset and not people") == ["a.jpg"]


def test_grouped_and(lib):
    assert lib.search("not (beach and people)") == ["a.jpg", "b.jpg", "d.jpg"]


def test_grouped_or(lib):
    assert lib.search("(beach or lake) and sunset") == ["a.jpg", "b.jpg"]


def test_syntax_errors():
    for bad in ["", "beach and", "(beach", "beach)", "and beach", "beach sunset"]:
        with pytest.raises(QuerySyntaxError):
            parse_query(bad)


def test_tag_counts(lib):
    assert list(lib.tag_counts().items())[:3] == [("beach", 2), ("people", 2), ("sunset", 2)]
