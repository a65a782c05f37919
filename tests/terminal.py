"""A pseudo-terminal for the tests of the conversation: the real ``homeostasis`` command
started on a pty (so it sees a terminal on stdin and stdout, as a person's shell gives it),
read until a pattern shows, and typed into — Ctrl-C and Ctrl-D included."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

from helpers import clean_env, cli_argv

#: Escape sequences a terminal program writes (colours, cursor moves, title, bracketed paste).
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI: colours, cursor, modes
                      r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: the window title
                      r"|\x1b[=>()][0-9A-B]?")                # keypad and charset modes


def plain(text: str) -> str:
    """``text`` without terminal escape sequences and carriage returns."""
    return _ESCAPES.sub("", text).replace("\r", "")


class Terminal:
    """``homeostasis ARGS`` running on a pseudo-terminal of 120 columns."""

    def __init__(self, *args: str | Path, cwd: Path | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        main, child = os.openpty()
        os.set_blocking(main, False)
        # a window size, as a terminal has: prompt_toolkit and rich lay out by it
        import fcntl
        import struct
        import termios

        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self._fd = main
        self.output = ""
        self.proc = subprocess.Popen(
            cli_argv(*args), cwd=cwd, stdin=child, stdout=child, stderr=child,
            env=clean_env({"TERM": "xterm-256color", **(env or {})}), start_new_session=True,
            preexec_fn=_controlling_terminal)
        os.close(child)

    def read_until(self, pattern: str, timeout: float = 120) -> str:
        """Everything shown until ``pattern`` (a regex over the plain text) appears after what
        earlier calls consumed; fails the test with the screen's text when it does not."""
        end = time.monotonic() + timeout
        while True:
            found = re.search(pattern, plain(self.output))
            if found:
                text = plain(self.output)
                self.output = text[found.end():]
                return text[: found.end()]
            left = end - time.monotonic()
            if left <= 0 or (not self._read(min(left, 0.5)) and self.proc.poll() is not None):
                self._read(0.2)
                if re.search(pattern, plain(self.output)):
                    continue
                raise AssertionError(f"{pattern!r} never showed; the screen had:\n"
                                     f"{plain(self.output)[-3000:]}")

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self._fd], [], [], wait)
        if not ready:
            return False
        try:
            data = os.read(self._fd, 65536)
        except OSError:  # the other side closed
            return False
        self.output += data.decode("utf-8", errors="replace")
        # answer a cursor-position request as a terminal would (prompt_toolkit asks)
        if "\x1b[6n" in data.decode("utf-8", errors="replace"):
            os.write(self._fd, b"\x1b[1;1R")
        return bool(data)

    def type(self, text: str) -> None:
        """Type ``text`` and Enter."""
        os.write(self._fd, text.encode("utf-8") + b"\r")

    def press(self, key: bytes) -> None:
        """A raw key: ``b"\\x03"`` is Ctrl-C, ``b"\\x04"`` Ctrl-D."""
        os.write(self._fd, key)

    def wait(self, timeout: float = 120) -> int:
        """The command's exit code once it ends (what it still writes is kept)."""
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self._read(0.2)
        while self._read(0.1):
            pass
        if self.proc.poll() is None:
            raise AssertionError(f"still running after {timeout:g}s; the screen had:\n"
                                 f"{plain(self.output)[-3000:]}")
        return self.proc.returncode

    def hang_up(self, timeout: float = 60) -> int:
        """Close the terminal, as closing its window does (the kernel sends the command
        SIGHUP); the command's exit code once it ends."""
        os.close(self._fd)
        self._fd = -1
        return self.proc.wait(timeout)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        if self._fd >= 0:
            os.close(self._fd)


def _controlling_terminal() -> None:
    """Make the pty (stdin) the child's controlling terminal, so Ctrl-C on it is SIGINT."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
