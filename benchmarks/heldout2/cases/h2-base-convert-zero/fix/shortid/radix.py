"""Integer <-> string conversion in bases 2..62, used for short ids."""

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def to_base(n: int, base: int) -> str:
    if not 2 <= base <= len(ALPHABET):
        raise ValueError(f"unsupported base {base}")
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    digits = []
    while n:
        n, r = divmod(n, base)
        digits.append(ALPHABET[r])
    return sign + "".join(reversed(digits))


def from_base(text: str, base: int) -> int:
    if not 2 <= base <= len(ALPHABET):
        raise ValueError(f"unsupported base {base}")
    if not text or text == "-":
        raise ValueError("empty number")
    sign = -1 if text.startswith("-") else 1
    value = 0
    for ch in text.lstrip("-"):
        d = ALPHABET.find(ch)
        if d < 0 or d >= base:
            raise ValueError(f"invalid digit {ch!r} for base {base}")
        value = value * base + d
    return sign * value


def short_id(seq: int, width: int = 6) -> str:
    """Fixed-width base-62 id for a database sequence number."""
    if seq < 0:
        raise ValueError("sequence numbers are non-negative")
    return to_base(seq, 62).rjust(width, "0")
