"""A minimal blog engine: posts, URL slugs and monthly archives."""

from blog.posts import Blog, Post
from blog.slugs import slugify, unique_slug

__all__ = ["Blog", "Post", "slugify", "unique_slug"]
