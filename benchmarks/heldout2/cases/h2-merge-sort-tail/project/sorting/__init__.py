from .merge import merge, merge_sort, sort_records

__all__ = ["merge", "merge_sort", "sort_records"]
