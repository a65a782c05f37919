"""Context building: scopes, identifiers and definitions from tree-sitter, and token-budgeted
snippets for suspects, failing tests and the helpers the suspect code calls."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from homeostasis.core.records import Failure, Suspect
from homeostasis.models.tokens import estimate_tokens
from homeostasis.tools.diagnose.context import MODULE_WINDOW, build_context
from homeostasis.tools.diagnose.syntax_tree import (
    Definition,
    Scope,
    definitions,
    enclosing_scope,
    identifiers_in,
    parse,
)

PRICING = '''\
"""Prices and taxes."""

TAX_RATE = 0.2


def apply_tax(amount):
    return amount * (1 + TAX_RATE)


def unrelated():
    return "x" * 10
'''

CART = """\
from shop.pricing import apply_tax


def _log(func):
    return func


class Cart:
    currency = "EUR"

    def __init__(self):
        self.items = []

    def add(self, price):
        self.items.append(price)

    @_log
    def total(self):
        subtotal = sum(self.items)
        return apply_tax(subtotal) - 1
"""

TEST_CART = """\
import pytest

from shop.cart import Cart


class TestCart:
    @pytest.mark.parametrize("price", [10, 20])
    def test_total(self, price):
        cart = Cart()
        cart.add(price)
        assert cart.total() == price * 1.2


def test_empty():
    assert Cart().total() == 0
"""



def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


TOTAL_DECORATOR = line_of(CART, "@_log")
TOTAL_RETURN = line_of(CART, "apply_tax(subtotal)")  # the faulty line


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    files = {
        "shop/__init__.py": "",
        "shop/pricing.py": PRICING,
        "shop/cart.py": CART,
        "tests/test_cart.py": TEST_CART,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def suspect(path: str, line: int, score: float = 0.9) -> Suspect:
    return Suspect(path, line, score, "traceback", "in the traceback")


FAILURE = Failure("tests/test_cart.py::TestCart::test_total[10]", "AssertionError", "11.0 != 12")


# ── syntax_tree ──────────────────────────────────────────────────────────────────────────────


def test_enclosing_scope_of_a_method_is_qualified_and_includes_its_decorator() -> None:
    scope = enclosing_scope(CART, line_of(CART, "subtotal = "))
    assert scope == Scope("Cart.total", "function", TOTAL_DECORATOR, TOTAL_RETURN)


def test_enclosing_scope_of_a_decorator_line_is_the_decorated_function() -> None:
    assert enclosing_scope(CART, TOTAL_DECORATOR) == Scope(
        "Cart.total", "function", TOTAL_DECORATOR, TOTAL_RETURN
    )


def test_enclosing_scope_of_a_class_body_line_is_the_class() -> None:
    scope = enclosing_scope(CART, line_of(CART, "currency = "))
    assert scope == Scope("Cart", "class", line_of(CART, "class Cart"), TOTAL_RETURN)


def test_enclosing_scope_prefers_the_innermost_nested_function() -> None:
    source = textwrap.dedent("""\
        def outer(values):
            factor = 2

            def scale(v):
                return v * factor

            return [scale(v) for v in values]
        """)
    assert enclosing_scope(source, 5) == Scope("outer.scale", "function", 4, 5)
    assert enclosing_scope(source, 7) == Scope("outer", "function", 1, 7)


@pytest.mark.parametrize("line", [1, 2, 3, 7, 500])
def test_module_level_lines_have_no_scope(line: int) -> None:
    assert enclosing_scope(CART, line) is None


def test_a_file_with_a_syntax_error_still_yields_the_scope() -> None:
    broken = textwrap.dedent("""\
        class Cart:
            def total(self):
                s = 0
                for item in self.items
                    s += item.price
                return s


        def fine():
            return 1
        """)
    assert parse(broken).root_node.has_error
    assert enclosing_scope(broken, 5) == Scope("Cart.total", "function", 2, 6)
    assert enclosing_scope(broken, 10) == Scope("fine", "function", 9, 10)


def test_identifiers_in_covers_names_and_attributes_of_the_range_only() -> None:
    start, end = TOTAL_DECORATOR, TOTAL_RETURN
    names = identifiers_in(CART, start, end)
    assert {"_log", "total", "self", "subtotal", "sum", "items", "apply_tax"} <= names
    assert "append" not in names  # used in Cart.add, outside the range
    assert "price" not in names


def test_definitions_lists_top_level_and_class_level_definitions_in_order() -> None:
    found = definitions(CART)
    assert found == [
        Definition("_log", "function", 4, 5),
        Definition("Cart", "class", 8, TOTAL_RETURN),
        Definition("Cart.__init__", "function", 11, 12),
        Definition("Cart.add", "function", 14, 15),
        Definition("Cart.total", "function", TOTAL_DECORATOR, TOTAL_RETURN),
    ]
    assert found[-1].short_name == "total"


def test_definitions_include_module_constants_but_not_nested_or_local_names() -> None:
    source = textwrap.dedent("""\
        LIMIT = 10
        ROUTES: dict[str, int] = {
            "a": 1,
        }


        def outer():
            local = 3

            def inner():
                return local

            return inner
        """)
    assert definitions(source) == [
        Definition("LIMIT", "constant", 1, 1),
        Definition("ROUTES", "constant", 2, 4),
        Definition("outer", "function", 7, 13),
    ]


def test_parse_reuses_the_tree_for_the_same_text() -> None:
    assert parse(CART) is parse(CART)
    assert parse(CART) is not parse(PRICING)


# ── tokens ───────────────────────────────────────────────────────────────────────────────────


def test_estimate_tokens_is_a_quarter_of_the_characters_rounded_up() -> None:
    assert estimate_tokens("") == 0
    assert estimate_tokens("a") == 1
    assert estimate_tokens("abcdefgh") == 2
    assert estimate_tokens("abcdefghi") == 3


def test_estimate_tokens_counts_a_whitespace_run_once() -> None:
    assert estimate_tokens("x =" + " " * 40 + "1") == estimate_tokens("x = 1")
    assert estimate_tokens("if x:\n" + " " * 12 + "y()") == estimate_tokens("if x:\ny()")


# ── build_context ────────────────────────────────────────────────────────────────────────────


def test_build_context_shows_the_suspect_the_test_and_the_helpers_it_calls(shop: Path) -> None:
    context = build_context(shop, [suspect("shop/cart.py", TOTAL_RETURN)], [FAILURE])
    summary = [(s.kind, s.path, s.name, s.start, s.end) for s in context.snippets]
    assert summary == [
        ("suspect", "shop/cart.py", "Cart.total", TOTAL_DECORATOR, TOTAL_RETURN),
        ("test", "tests/test_cart.py", "TestCart.test_total", 7, 11),
        ("definition", "shop/cart.py", "_log", 4, 5),
        ("definition", "shop/pricing.py", "apply_tax", 6, 7),
    ]
    lines = CART.splitlines(keepends=True)
    assert context.snippets[0].text == "".join(lines[TOTAL_DECORATOR - 1 : TOTAL_RETURN])
    assert context.snippets[1].text.startswith('    @pytest.mark.parametrize("price"')
    assert context.snippets[3].text == "".join(PRICING.splitlines(keepends=True)[5:7])
    assert context.tokens == sum(estimate_tokens(s.text) for s in context.snippets)
    assert (context.budget, context.dropped) == (6000, 0)


def test_suspects_sharing_a_scope_give_one_snippet_most_suspicious_first(shop: Path) -> None:
    suspects = [
        suspect("shop/pricing.py", 7, score=0.3),
        suspect("shop/cart.py", TOTAL_RETURN, score=0.8),
        suspect("shop/cart.py", TOTAL_RETURN - 1, score=0.5),
    ]
    context = build_context(shop, suspects, [])
    shown = [(s.kind, s.name) for s in context.snippets if s.kind == "suspect"]
    assert shown == [("suspect", "Cart.total"), ("suspect", "apply_tax")]
    assert [s.name for s in context.snippets if s.kind == "definition"] == ["_log", "TAX_RATE"]
    assert build_context(shop, list(reversed(suspects)), []) == context


def test_a_module_level_suspect_shows_the_lines_around_it(shop: Path) -> None:
    body = "".join(f"VALUE_{i} = {i}\n" for i in range(1, 41))
    (shop / "shop/settings.py").write_text(body)
    context = build_context(shop, [suspect("shop/settings.py", 20)], [])
    first = context.snippets[0]
    assert (first.kind, first.name) == ("suspect", "<module>")
    assert (first.start, first.end) == (20 - MODULE_WINDOW, 20 + MODULE_WINDOW)
    assert first.text.splitlines()[MODULE_WINDOW] == "VALUE_20 = 20"


def test_a_tiny_budget_cuts_the_suspect_to_a_window_and_drops_the_rest(shop: Path) -> None:
    budget = 12
    context = build_context(shop, [suspect("shop/cart.py", TOTAL_RETURN)], [FAILURE], budget)
    assert [s.kind for s in context.snippets] == ["suspect"]
    cut = context.snippets[0]
    assert cut.start <= TOTAL_RETURN <= cut.end
    assert cut.end - cut.start < TOTAL_RETURN - TOTAL_DECORATOR
    assert "apply_tax(subtotal)" in cut.text
    assert context.dropped >= 1
    assert context.tokens == estimate_tokens(cut.text) <= budget


def test_the_budget_keeps_snippets_in_priority_order(shop: Path) -> None:
    full = build_context(shop, [suspect("shop/cart.py", TOTAL_RETURN)], [FAILURE])
    budget = sum(estimate_tokens(s.text) for s in full.snippets[:2])
    context = build_context(shop, [suspect("shop/cart.py", TOTAL_RETURN)], [FAILURE], budget)
    assert context.snippets == full.snippets[:2]
    assert context.dropped == 2
    assert context.tokens == budget


def test_a_suspect_in_a_broken_file_still_gets_its_scope(shop: Path) -> None:
    broken = CART.replace("def add(self, price):", "def add(self, price)")
    (shop / "shop/cart.py").write_text(broken)
    context = build_context(shop, [suspect("shop/cart.py", TOTAL_RETURN)], [])
    assert context.snippets[0].kind == "suspect"
    assert context.snippets[0].name.endswith("total")
    assert (context.snippets[0].start, context.snippets[0].end) == (TOTAL_DECORATOR, TOTAL_RETURN)
    assert "return apply_tax(subtotal) - 1" in context.snippets[0].text


def test_undecodable_files_are_skipped(shop: Path) -> None:
    (shop / "shop/legacy.py").write_bytes(b"def apply_tax(x):\n    return '\xff\xfe'\n")
    suspects = [suspect("shop/legacy.py", 2, score=1.0), suspect("shop/cart.py", TOTAL_RETURN)]
    context = build_context(shop, suspects, [])
    assert all(s.path != "shop/legacy.py" for s in context.snippets)
    assert [s.path for s in context.snippets if s.name == "apply_tax"] == ["shop/pricing.py"]


def test_unknown_tests_and_collection_errors_add_nothing(shop: Path) -> None:
    failures = [
        Failure("tests/test_cart.py", "ImportError", "boom", collection_error=True),
        Failure("tests/test_cart.py::test_missing", "AssertionError", ""),
        Failure("tests/test_gone.py::test_x", "AssertionError", ""),
        Failure("tests/test_cart.py::test_empty", "AssertionError", ""),
    ]
    context = build_context(shop, [], failures)
    assert [(s.kind, s.name, s.start, s.end) for s in context.snippets] == [
        ("test", "test_empty", 14, 15)
    ]
    assert context.dropped == 0


def test_snippet_text_keeps_the_files_line_endings(shop: Path) -> None:
    (shop / "shop/pricing.py").write_bytes(PRICING.replace("\n", "\r\n").encode())
    context = build_context(shop, [suspect("shop/pricing.py", 7)], [])
    expected = "def apply_tax(amount):\r\n    return amount * (1 + TAX_RATE)\r\n"
    assert context.snippets[0].text == expected
    assert [s.name for s in context.snippets] == ["apply_tax", "TAX_RATE"]
