"""Binary searches over lists sorted by a key."""
from typing import Any, Callable, List, Optional


def lower_bound(items: List[Any], target, key: Optional[Callable] = None) -> int:
    """Index of the first element whose key is >= target (len(items) if none)."""
    key = key or (lambda x: x)
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if key(items[mid]) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items: List[Any], target, key: Optional[Callable] = None) -> int:
    """Index of the first element whose key is > target (len(items) if none)."""
    key = key or (lambda x: x)
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if target < key(items[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def contains(items: List[Any], target, key: Optional[Callable] = None) -> bool:
    key = key or (lambda x: x)
    i = lower_bound(items, target, key)
    return i < len(items) and key(items[i]) == target
