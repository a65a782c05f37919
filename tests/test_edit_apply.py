"""apply_edits: matching tolerance, error reports, newline handling, all-or-nothing."""

from __future__ import annotations

import pytest
from homeostasis.core.edits import (
    AmbiguousMatchError,
    EditError,
    MissingFileError,
    NoMatchError,
    apply_edit,
    apply_edits,
)
from homeostasis.core.errors import HomeostasisError
from homeostasis.core.records import Edit
from homeostasis.propose.llm.searchreplace import parse_edits

CART = """\
class Cart:
    def __init__(self):
        self.items = []

    def add(self, item, qty=1):
        if qty <= 0:
            raise ValueError("qty must be positive")
        self.items.append((item, qty))

    def total(self):
        return sum(item.price for item, qty in self.items)
"""


def test_exact_match_from_a_parsed_reply() -> None:
    reply = """\
`total` ignores the quantity.

shop/cart.py
```python
<<<<<<< SEARCH
        return sum(item.price for item, qty in self.items)
=======
        return sum(item.price * qty for item, qty in self.items)
>>>>>>> REPLACE
```
"""
    files = {"shop/cart.py": CART, "shop/other.py": "x = 1\n"}
    new = apply_edits(files, parse_edits(reply).edits)
    assert list(new) == ["shop/cart.py"]
    assert new["shop/cart.py"] == CART.replace("item.price for", "item.price * qty for")
    assert files["shop/cart.py"] == CART  # the input is not modified


def test_later_edits_see_earlier_results() -> None:
    edits = [
        Edit("a.py", "x = 1\n", "x = 2\n"),
        Edit("a.py", "x = 2\n", "x = 3\n"),
    ]
    assert apply_edits({"a.py": "x = 1\n"}, edits) == {"a.py": "x = 3\n"}


def test_trailing_whitespace_is_ignored() -> None:
    text = "def f():   \n    return 1  \n\nprint(f())\n"
    edit = Edit("f.py", "def f():\n    return 1\n", "def f():\n    return 2\n")
    assert apply_edit(text, edit) == "def f():\n    return 2\n\nprint(f())\n"


def test_under_indented_search_is_matched_and_replace_reindented() -> None:
    # The model dropped the method's indentation, as models often do for nested code.
    reply = """\
shop/cart.py
```python
<<<<<<< SEARCH
def total(self):
    return sum(item.price for item, qty in self.items)
=======
def total(self):
    if not self.items:
        return 0
    return sum(item.price * qty for item, qty in self.items)
>>>>>>> REPLACE
```
"""
    new = apply_edits({"shop/cart.py": CART}, parse_edits(reply).edits)["shop/cart.py"]
    assert new.endswith(
        "    def total(self):\n"
        "        if not self.items:\n"
        "            return 0\n"
        "        return sum(item.price * qty for item, qty in self.items)\n"
    )
    assert new.startswith(CART[: CART.index("    def total")])


def test_over_indented_search_is_matched_and_replace_dedented() -> None:
    text = "def f(x):\n    if x:\n        return 1\n    return 0\n"
    edit = Edit(
        "f.py", "        if x:\n            return 1\n", "        if x > 0:\n            return 1\n"
    )
    assert apply_edit(text, edit) == "def f(x):\n    if x > 0:\n        return 1\n    return 0\n"


def test_uneven_indentation_difference_is_not_matched() -> None:
    text = "def f(x):\n    if x:\n        return 1\n"
    uniform = Edit("f.py", "if x:\n    return 1\n", "if x:\n    return 2\n")  # both lines -4
    assert apply_edit(text, uniform) == "def f(x):\n    if x:\n        return 2\n"
    uneven = Edit("f.py", "if x:\n      return 1\n", "if x:\n      return 2\n")  # -4, then -2
    with pytest.raises(NoMatchError):
        apply_edit(text, uneven)


def test_blank_lines_at_the_block_ends_are_ignored() -> None:
    text = "import os\ndef main():\n    print(os.getcwd())\n"
    edit = Edit(
        "m.py",
        "\ndef main():\n    print(os.getcwd())\n\n",
        "\ndef main():\n    print(os.getcwd(), flush=True)\n\n",
    )
    assert apply_edit(text, edit) == "import os\ndef main():\n    print(os.getcwd(), flush=True)\n"


def test_crlf_file_keeps_crlf() -> None:
    text = "a = 1\r\nb = 2\r\nc = 3\r\n"
    reply = "m.py\n<<<<<<< SEARCH\nb = 2\n=======\nb = 20\nbb = 4\n>>>>>>> REPLACE\n"
    (edit,) = parse_edits(reply).edits
    assert apply_edit(text, edit) == "a = 1\r\nb = 20\r\nbb = 4\r\nc = 3\r\n"


def test_missing_final_newline_stays_missing() -> None:
    text = "a = 1\nb = 2"
    (edit,) = parse_edits("m.py\n<<<<<<< SEARCH\nb = 2\n=======\nb = 3\n>>>>>>> REPLACE\n").edits
    assert apply_edit(text, edit) == "a = 1\nb = 3"


def test_ambiguous_match_lists_line_numbers() -> None:
    text = "def a():\n    return None\n\ndef b():\n    return None\n\ndef c():\n    return None\n"
    edit = Edit("util.py", "    return None\n", "    return 0\n")
    with pytest.raises(AmbiguousMatchError) as info:
        apply_edits({"util.py": text}, [edit])
    assert info.value.path == "util.py"
    assert info.value.message == "SEARCH block matches 3 places in util.py (lines 2, 5, 8)"


def test_ambiguous_loose_match_lists_line_numbers() -> None:
    text = "if a:\n    x = 1\nif b:\n        x = 1\n"
    edit = Edit("m.py", "  x = 1\n", "  x = 2\n")  # exact text is nowhere; re-indented twice
    with pytest.raises(AmbiguousMatchError, match=r"matches 2 places in m.py \(lines 2, 4\)"):
        apply_edit(text, edit)


def test_no_match_reports_the_closest_lines() -> None:
    edit = Edit(
        "shop/cart.py",
        "    def add(self, item, quantity=1):\n        if quantity < 0:\n",
        "    def add(self, item, quantity=1):\n        if quantity <= 0:\n",
    )
    with pytest.raises(NoMatchError) as info:
        apply_edits({"shop/cart.py": CART}, [edit])
    assert info.value.path == "shop/cart.py"
    assert info.value.message == (
        "no match for SEARCH block in shop/cart.py; closest lines 5-6:\n"
        "    def add(self, item, qty=1):\n"
        "        if qty <= 0:"
    )


def test_no_match_in_empty_file() -> None:
    with pytest.raises(NoMatchError, match="the file is empty"):
        apply_edits({"e.py": ""}, [Edit("e.py", "x\n", "y\n")])


def test_all_or_nothing() -> None:
    files = {"a.py": "x = 1\n", "b.py": "y = 1\n"}
    edits = [Edit("a.py", "x = 1\n", "x = 2\n"), Edit("b.py", "z = 1\n", "z = 2\n")]
    result: dict[str, str] | None = None
    with pytest.raises(NoMatchError) as info:
        result = apply_edits(files, edits)
    assert result is None
    assert info.value.path == "b.py"
    assert files == {"a.py": "x = 1\n", "b.py": "y = 1\n"}


def test_new_file_is_created_and_then_editable() -> None:
    edits = [
        Edit("tests/test_new.py", "", "def test_it():\n    assert False\n"),
        Edit("tests/test_new.py", "    assert False\n", "    assert True\n"),
    ]
    assert apply_edits({}, edits) == {"tests/test_new.py": "def test_it():\n    assert True\n"}


def test_empty_search_appends_to_existing_file() -> None:
    new = apply_edits({"a.py": "x = 1"}, [Edit("a.py", "", "y = 2\n")])
    assert new == {"a.py": "x = 1\ny = 2\n"}


def test_missing_file_with_search_text() -> None:
    with pytest.raises(MissingFileError) as info:
        apply_edits({"a.py": "x\n"}, [Edit("nope.py", "x\n", "y\n")])
    assert info.value.path == "nope.py"
    assert "nope.py does not exist" in str(info.value)


def test_errors_are_homeostasis_errors() -> None:
    for cls in (NoMatchError, AmbiguousMatchError, MissingFileError):
        assert issubclass(cls, EditError)
    assert issubclass(EditError, HomeostasisError)
