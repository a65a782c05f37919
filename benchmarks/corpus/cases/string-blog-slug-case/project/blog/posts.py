from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from blog.slugs import unique_slug


@dataclass
class Post:
    title: str
    body: str
    published: date
    slug: str = ""
    tags: set[str] = field(default_factory=set)


class Blog:
    def __init__(self) -> None:
        self._posts: dict[str, Post] = {}

    def publish(self, title: str, body: str, published: date, tags: tuple[str, ...] = ()) -> Post:
        post = Post(title, body, published, tags={t.lower() for t in tags})
        post.slug = unique_slug(title, self._posts)
        self._posts[post.slug] = post
        return post

    def get(self, slug: str) -> Post:
        return self._posts[slug.lower()]

    def url_for(self, post: Post) -> str:
        return f"/{post.published:%Y/%m}/{post.slug}/"

    def archive(self) -> dict[str, list[str]]:
        """Slugs per ``YYYY-MM``, newest month first, posts oldest first within a month."""
        months: dict[str, list[Post]] = defaultdict(list)
        for post in self._posts.values():
            months[f"{post.published:%Y-%m}"].append(post)
        return {m: [p.slug for p in sorted(months[m], key=lambda p: p.published)]
                for m in sorted(months, reverse=True)}

    def tagged(self, tag: str) -> list[Post]:
        return [p for p in self._posts.values() if tag.lower() in p.tags]
