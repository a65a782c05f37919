import pytest

from mailtpl import UnknownFilter, render


def test_chained_filters_with_spaces():
    assert render("{{ code | trim | upper }}", {"code": "  ab12 "}) == "AB12"


def test_mixed_spacing():
    ctx = {"a": "x", "b": "Y"}
    assert render("{{a| upper}}-{{b |lower}}-{{  a|upper  }}", ctx) == "X-y-X"


def test_unknown_filter_with_spaces_still_raises():
    with pytest.raises(UnknownFilter):
        render("{{ name | shout }}", {"name": "x"})


def test_tabs_around_filter():
    assert render("{{ total |\tmoney\t}}", {"total": 5}) == "$5.00"
