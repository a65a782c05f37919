"""Token counting for context budgets."""

from __future__ import annotations

import math
import re

_WHITESPACE_RUN = re.compile(r"\s+")


def estimate_tokens(text: str) -> int:
    """An estimate of how many model tokens ``text`` takes: one token per four characters,
    rounded up, after collapsing each run of whitespace (indentation, blank lines) to a single
    character, since tokenizers spend about one token on such a run. Empty text is 0 tokens.

    The estimate is deliberately plain and tokenizer-free; it errs slightly high for code.
    """
    if not text:
        return 0
    return math.ceil(len(_WHITESPACE_RUN.sub(" ", text)) / 4)
