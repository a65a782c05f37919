"""parse_edits on replies written the way models actually write them."""

from __future__ import annotations

import pytest
from homeostasis.core.records import Edit
from homeostasis.propose.llm.searchreplace import ParseResult, parse_edits

FENCED_TWO_BLOCKS = '''\
The bug is an off-by-one in `paginate`: the last page is dropped because the range stops
one short. Here is the fix.

shop/pages.py
```python
<<<<<<< SEARCH
    for page in range(1, total // size):
        yield items[(page - 1) * size : page * size]
=======
    for page in range(1, total // size + 2):
        yield items[(page - 1) * size : page * size]
>>>>>>> REPLACE
```

The helper that computes `total` also needs a guard:

```python
<<<<<<< SEARCH
def count(items):
    return len(items)
=======
def count(items):
    return len(items or [])
>>>>>>> REPLACE
```

With both changes `test_last_page` passes.
'''


def test_fenced_blocks_with_prose_and_reused_filename() -> None:
    result = parse_edits(FENCED_TWO_BLOCKS)
    assert result.errors == ()
    assert result.edits == (
        Edit(
            "shop/pages.py",
            "    for page in range(1, total // size):\n"
            "        yield items[(page - 1) * size : page * size]\n",
            "    for page in range(1, total // size + 2):\n"
            "        yield items[(page - 1) * size : page * size]\n",
        ),
        Edit(
            "shop/pages.py",
            "def count(items):\n    return len(items)\n",
            "def count(items):\n    return len(items or [])\n",
        ),
    )


def test_unfenced_block() -> None:
    reply = (
        "calc.py\n"
        "<<<<<<< SEARCH\n"
        "    return a - b\n"
        "=======\n"
        "    return a + b\n"
        ">>>>>>> REPLACE\n"
    )
    assert parse_edits(reply) == ParseResult(
        (Edit("calc.py", "    return a - b\n", "    return a + b\n"),), ()
    )


@pytest.mark.parametrize(
    "header",
    [
        "src/app/util.py",
        "`src/app/util.py`",
        "src/app/util.py:",
        "`src/app/util.py`:",
        "**src/app/util.py**",
        "### src/app/util.py",
        "File: src/app/util.py",
        "./src/app/util.py",
        "src\\app\\util.py",
        "Now update `src/app/util.py` as well:",
    ],
)
def test_filename_variants(header: str) -> None:
    reply = f"{header}\n```python\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n```\n"
    result = parse_edits(reply)
    assert result.errors == ()
    assert [e.path for e in result.edits] == ["src/app/util.py"]


def test_filename_inside_fence_before_markers() -> None:
    reply = """\
I changed the default:

```python
config/defaults.py
<<<<<<< SEARCH
TIMEOUT = 0
=======
TIMEOUT = 30
>>>>>>> REPLACE
```
"""
    expected = Edit("config/defaults.py", "TIMEOUT = 0\n", "TIMEOUT = 30\n")
    assert parse_edits(reply).edits == (expected,)


def test_marker_lengths_and_trailing_spaces() -> None:
    reply = "a.py\n<<<<<<<<< SEARCH  \nold\n=====   \nnew\n>>>>>> REPLACE \n"
    assert parse_edits(reply).edits == (Edit("a.py", "old\n", "new\n"),)


def test_four_marker_chars_are_not_a_block() -> None:
    reply = "a.py\n<<<< SEARCH\nold\n====\nnew\n>>>> REPLACE\n"
    assert parse_edits(reply).errors == ("reply contains no SEARCH/REPLACE blocks",)


def test_two_files() -> None:
    reply = """\
Two changes are needed.

1. In the model:

`inventory/models.py`
```python
<<<<<<< SEARCH
        self.qty -= n
=======
        if n > self.qty:
            raise ValueError("not enough stock")
        self.qty -= n
>>>>>>> REPLACE
```

2. And the view must catch the error:

inventory/views.py
```python
<<<<<<< SEARCH
    item.take(n)
    return ok()
=======
    try:
        item.take(n)
    except ValueError as exc:
        return error(str(exc))
    return ok()
>>>>>>> REPLACE
```
"""
    result = parse_edits(reply)
    assert result.errors == ()
    assert [e.path for e in result.edits] == ["inventory/models.py", "inventory/views.py"]
    assert result.edits[0].replace.startswith("        if n > self.qty:\n")
    assert result.edits[1].search == "    item.take(n)\n    return ok()\n"


def test_missing_divider_is_reported_and_later_blocks_survive() -> None:
    reply = """\
app.py
```python
<<<<<<< SEARCH
x = 1
>>>>>>> REPLACE
```

app.py
```python
<<<<<<< SEARCH
y = 1
=======
y = 2
>>>>>>> REPLACE
```
"""
    result = parse_edits(reply)
    assert result.errors == ("block 1: SEARCH without ======= divider",)
    assert result.edits == (Edit("app.py", "y = 1\n", "y = 2\n"),)


def test_block_cut_off_before_replace_marker() -> None:
    reply = "app.py\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n"
    result = parse_edits(reply)
    assert result.edits == ()
    assert result.errors == ("block 1: no divider before >>>>>>> REPLACE",)


def test_second_divider_is_reported() -> None:
    reply = "app.py\n<<<<<<< SEARCH\na\n=======\nb\n=======\nc\n>>>>>>> REPLACE\n"
    result = parse_edits(reply)
    assert result.edits == ()
    assert result.errors == ("block 1: a second ======= divider before >>>>>>> REPLACE",)


def test_missing_filename() -> None:
    reply = """\
Change the constant like this:

```python
<<<<<<< SEARCH
LIMIT = 10
=======
LIMIT = 100
>>>>>>> REPLACE
```
"""
    result = parse_edits(reply)
    assert result.edits == ()
    assert result.errors == ("block 1: no file path before the block",)


def test_prose_mentioning_a_non_file_is_not_a_path() -> None:
    reply = "The call to `self.total` is wrong:\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"
    assert parse_edits(reply).errors == ("block 1: no file path before the block",)


def test_no_blocks_at_all() -> None:
    reply = "I could not find the bug. The test seems to expect `add(2, 2) == 5`, which is wrong."
    assert parse_edits(reply) == ParseResult((), ("reply contains no SEARCH/REPLACE blocks",))


@pytest.mark.parametrize(
    ("path", "why"),
    [("/etc/passwd.txt", "is absolute"), ("../other/app.py", "leads outside the project")],
)
def test_paths_outside_the_project_are_rejected(path: str, why: str) -> None:
    reply = f"{path}\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"
    result = parse_edits(reply)
    assert result.edits == ()
    assert len(result.errors) == 1
    assert result.errors[0].startswith(f"block 1: path {path!r} ")
    assert why in result.errors[0]


def test_inner_dotdot_is_folded() -> None:
    reply = "pkg/sub/../mod.py\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n"
    assert parse_edits(reply).edits[0].path == "pkg/mod.py"


def test_empty_search_means_new_file() -> None:
    reply = """\
Add a test for the fix:

tests/test_pages.py
```python
<<<<<<< SEARCH
=======
from shop.pages import paginate


def test_last_page():
    assert list(paginate([1, 2, 3], 2)) == [[1, 2], [3]]
>>>>>>> REPLACE
```
"""
    (edit,) = parse_edits(reply).edits
    assert edit.path == "tests/test_pages.py"
    assert edit.search == ""
    assert edit.replace.startswith("from shop.pages import paginate\n\n\n")
    assert edit.replace.endswith("[[1, 2], [3]]\n")


def test_blank_search_section_counts_as_empty_and_empty_replace_deletes() -> None:
    reply = "a.py\n<<<<<<< SEARCH\n\n=======\nx\n>>>>>>> REPLACE\n"
    reply += "b.py\n<<<<<<< SEARCH\ndebug()\n=======\n>>>>>>> REPLACE\n"
    assert parse_edits(reply).edits == (Edit("a.py", "", "x\n"), Edit("b.py", "debug()\n", ""))


def test_crlf_reply() -> None:
    reply = "a.py\r\n<<<<<<< SEARCH\r\nold\r\n=======\r\nnew\r\n>>>>>>> REPLACE\r\n"
    assert parse_edits(reply).edits == (Edit("a.py", "old\n", "new\n"),)
