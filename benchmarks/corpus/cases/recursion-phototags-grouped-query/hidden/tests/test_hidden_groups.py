import pytest

from phototags import And, Not, Or, QuerySyntaxError, Tag, parse_query


def test_group_changes_grouping():
    assert parse_query("(a or b) and c") == And(Or(Tag("a"), Tag("b")), Tag("c"))
    assert parse_query("a and (b or c)") == And(Tag("a"), Or(Tag("b"), Tag("c")))


def test_not_over_a_group_with_or():
    q = parse_query("not (rain or snow)")
    assert q == Not(Or(Tag("rain"), Tag("snow")))
    assert q.matches(frozenset({"sun"}))
    assert not q.matches(frozenset({"snow"}))


def test_nested_groups():
    q = parse_query("((a or b) and (c or d)) or e")
    assert q == Or(And(Or(Tag("a"), Tag("b")), Or(Tag("c"), Tag("d"))), Tag("e"))
    assert q.matches(frozenset({"b", "c"}))
    assert not q.matches(frozenset({"a", "b"}))


def test_unbalanced_groups_still_rejected():
    for bad in ["(a or b", "(a or b))", "()", "(or)"]:
        with pytest.raises(QuerySyntaxError):
            parse_query(bad)
