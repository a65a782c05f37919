"""Leading punctuation, titles that are only punctuation (fall back to 'post'), and
truncation landing next to punctuation: rules out rstrip-only fixes."""
from blog.slugs import slugify, unique_slug


def test_leading_and_trailing():
    assert slugify("...and then?") == "and-then"
    assert slugify("--Already--Slugged--") == "already-slugged"


def test_only_punctuation():
    assert slugify("!!!") == ""
    assert unique_slug("???", ["post"]) == "post-2"


def test_truncation_after_strip():
    assert slugify("¡Hola! " + "x" * 20, max_length=8) == "hola-xxx"
