from blog.slugs import permalink, slugify, unique_slug


def test_simple_title():
    assert slugify("Release notes 2024") == "release-notes-2024"


def test_accents_removed():
    assert slugify("Crème brûlée recipe") == "creme-brulee-recipe"


def test_truncation():
    assert slugify("a" * 60, max_length=10) == "a" * 10


def test_unique_slug_counter():
    assert unique_slug("Release notes", ["release-notes", "release-notes-2"]) == "release-notes-3"


def test_trailing_punctuation():
    assert slugify("Hello, World!") == "hello-world"


def test_permalink_with_leading_quote():
    assert permalink("2024-05-17", '"Why" we moved') == "/2024/05/why-we-moved/"
