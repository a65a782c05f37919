"""Stable merge sort with an optional key function."""
from typing import Callable, Iterable, List, Optional, TypeVar

T = TypeVar("T")


def _identity(x):
    return x


def merge(left: List[T], right: List[T], key: Callable = _identity) -> List[T]:
    """Merge two lists that are already sorted by ``key`` into one sorted list.

    On equal keys the element from ``left`` comes first, which keeps the sort stable.
    """
    result: List[T] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if key(right[j]) < key(left[i]):
            result.append(right[j])
            j += 1
        else:
            result.append(left[i])
            i += 1
    result.extend(left[i:])
    result.extend(right[j:])
    return result


def merge_sort(items: Iterable[T], key: Optional[Callable] = None, reverse: bool = False) -> List[T]:
    items = list(items)
    key = key or _identity
    if reverse:
        return merge_sort(items[::-1], key=key)[::-1]
    if len(items) <= 1:
        return items
    mid = len(items) // 2
    return merge(merge_sort(items[:mid], key), merge_sort(items[mid:], key), key)


def sort_records(records, field: str, descending: bool = False):
    """Sort a list of dicts by one field, keeping the input order of ties."""
    return merge_sort(records, key=lambda r: r[field], reverse=descending)
