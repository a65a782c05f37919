"""Run-length encoding: "aaabcc" <-> "3a1b2c". Input text must not contain digits."""


class DecodeError(ValueError):
    pass


def encode(text: str) -> str:
    if any(ch.isdigit() for ch in text):
        raise ValueError("text must not contain digits")
    if not text:
        return ""
    out = []
    prev, count = text[0], 1
    for ch in text[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            prev, count = ch, 1
    out.append(f"{count}{prev}")
    return "".join(out)


def decode(data: str) -> str:
    out = []
    count = 0
    for pos, ch in enumerate(data):
        if ch.isdigit():
            count = int(ch)
        else:
            if count == 0:
                raise DecodeError(f"missing count before {ch!r} at position {pos}")
            out.append(ch * count)
            count = 0
    if count:
        raise DecodeError("data ends with a count")
    return "".join(out)


def compression_ratio(text: str) -> float:
    return len(encode(text)) / len(text) if text else 1.0
