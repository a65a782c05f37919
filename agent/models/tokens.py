"""Counting tokens: with tiktoken where its encoding files are available; offline (tiktoken
downloads them on first use) the context builder's estimate (about four characters a token),
said once."""

from __future__ import annotations

import math
import queue
import re
import threading
import warnings
from collections.abc import Callable
from typing import Any

#: Tokens added per message for the chat format's framing.
PER_MESSAGE = 4


class TokenCounter:
    """Counts tokens of text for one model. ``load`` returns a tiktoken ``Encoding`` (the
    default picks the model's, else ``o200k_base``) and may raise when the encoding cannot be
    had; then :meth:`count` estimates and ``estimated`` is True."""

    def __init__(self, model: str, load: Callable[[str], Any] | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        self.model = model
        self._load = load or _tiktoken_encoding
        self._warn = warn or (lambda text: warnings.warn(text, RuntimeWarning, stacklevel=3))
        self._encoding: Any = None
        self._tried = False
        self._lock = threading.Lock()
        self.estimated = False

    def _get(self) -> Any:
        with self._lock:
            if not self._tried:
                self._tried = True
                try:
                    self._encoding = self._load(self.model)
                except Exception as exc:
                    self.estimated = True
                    self._warn(f"token counts for {self.model} are estimates (about 4 "
                               f"characters a token): tiktoken's encoding is not available "
                               f"({type(exc).__name__})")
            return self._encoding

    def count(self, text: str) -> int:
        encoding = self._get()
        if encoding is None:
            return estimate_tokens(text)
        return len(encoding.encode(text, disallowed_special=()))

    def count_messages(self, contents: list[str]) -> int:
        return sum(self.count(c) + PER_MESSAGE for c in contents)


#: Seconds tiktoken may take to load an encoding (it downloads one it has not cached, with no
#: timeout of its own: on a network that drops packets it would wait for ever).
LOAD_TIMEOUT = 10.0


def _tiktoken_encoding(model: str) -> Any:
    """The model's tiktoken encoding (``o200k_base`` for names tiktoken does not know),
    loaded in a helper thread so a hanging download costs at most :data:`LOAD_TIMEOUT`."""
    import tiktoken  # imported here: ~100 ms, and only needed when a prompt is fitted

    bare = model.split(":", 1)[-1]
    box: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue()

    def load() -> None:
        try:
            try:
                box.put((tiktoken.encoding_for_model(bare), None))
            except KeyError:  # not an OpenAI model: the newest general encoding is close
                box.put((tiktoken.get_encoding("o200k_base"), None))
        except BaseException as exc:
            box.put((None, exc))

    threading.Thread(target=load, name="tiktoken-load", daemon=True).start()
    try:
        encoding, error = box.get(timeout=LOAD_TIMEOUT)
    except queue.Empty:
        raise TimeoutError(f"tiktoken did not load in {LOAD_TIMEOUT:g}s") from None
    if error is not None:
        raise error
    return encoding

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
