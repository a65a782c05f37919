"""Integer square roots (Newton's method) and helpers built on them."""
from typing import Iterator, Tuple


def isqrt(n: int) -> int:
    """Largest integer r with r * r <= n."""
    if n < 0:
        raise ValueError("isqrt of a negative number")
    if n < 2:
        return n
    x = n
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def is_square(n: int) -> bool:
    return n >= 0 and isqrt(n) ** 2 == n


def squares_between(lo: int, hi: int) -> Iterator[int]:
    """Perfect squares s with lo <= s <= hi."""
    r = isqrt(max(lo, 0))
    if r * r < lo:
        r += 1
    while r * r <= hi:
        yield r * r
        r += 1


def grid_shape(n: int) -> Tuple[int, int]:
    """Rows and columns of the most square grid that holds n cells."""
    cols = isqrt(n)
    if cols * cols < n:
        cols += 1
    rows = -(-n // cols) if n else 0
    return rows, cols
