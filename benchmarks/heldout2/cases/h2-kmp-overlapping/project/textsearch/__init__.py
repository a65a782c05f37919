from .kmp import count, find_all, prefix_function

__all__ = ["count", "find_all", "prefix_function"]
