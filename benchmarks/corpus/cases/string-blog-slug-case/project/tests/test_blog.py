from datetime import date

from blog import Blog, slugify, unique_slug


def test_slugify_lowercase_title():
    assert slugify("hello world") == "hello-world"
    assert slugify("  what's new?  ") == "what-s-new"


def test_slugify_capitalised_title():
    assert slugify("Hello, World!") == "hello-world"


def test_unique_slug_appends_counter():
    assert unique_slug("notes", {"notes", "notes-2"}) == "notes-3"


def test_publish_and_url():
    blog = Blog()
    post = blog.publish("Release Notes 1.2", "...", date(2024, 5, 17))
    assert blog.url_for(post) == "/2024/05/release-notes-1-2/"
    assert blog.get("release-notes-1-2") is post


def test_archive_groups_by_month():
    blog = Blog()
    blog.publish("b", "", date(2024, 4, 9))
    blog.publish("a", "", date(2024, 4, 2))
    blog.publish("c", "", date(2024, 5, 1))
    assert blog.archive() == {"2024-05": ["c"], "2024-04": ["a", "b"]}


def test_tags_are_case_insensitive():
    blog = Blog()
    blog.publish("x", "", date(2024, 1, 1), tags=("Python",))
    assert len(blog.tagged("PYTHON")) == 1
