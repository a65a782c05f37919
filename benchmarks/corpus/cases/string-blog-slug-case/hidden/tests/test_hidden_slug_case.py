from datetime import date

import pytest

from blog import Blog, slugify


@pytest.mark.parametrize("title, slug", [
    ("ALL CAPS", "all-caps"),
    ("API v2 Release", "api-v2-release"),
    ("iPhone XR Review", "iphone-xr-review"),
    ("Q3 2024: Results", "q3-2024-results"),
    ("X", "x"),
])
def test_mixed_case_titles(title, slug):
    assert slugify(title) == slug


def test_long_capitalised_title_cut_at_word():
    title = "Understanding The Python Import System From The Ground Up"
    assert slugify(title, max_length=30) == "understanding-the-python"


def test_titles_differing_only_in_case_collide():
    blog = Blog()
    first = blog.publish("Hello There", "", date(2024, 1, 1))
    second = blog.publish("hello there", "", date(2024, 1, 2))
    assert (first.slug, second.slug) == ("hello-there", "hello-there-2")
