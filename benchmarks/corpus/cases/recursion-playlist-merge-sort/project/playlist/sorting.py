"""A stable merge sort with a key function."""

from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")


def _merge(left: list[T], right: list[T], key: Callable[[T], Any]) -> list[T]:
    out: list[T] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if key(right[j]) < key(left[i]):
            out.append(right[j])
            j += 1
        else:
            out.append(left[i])
            i += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out


def merge_sort(items: Sequence[T], key: Callable[[T], Any] = lambda x: x) -> list[T]:
    """A new list of ``items`` in ascending ``key`` order.

    The sort is stable: items with equal keys keep their original order.
    """
    if len(items) == 1:
        return list(items)
    mid = len(items) // 2
    return _merge(merge_sort(items[:mid], key), merge_sort(items[mid:], key), key)
