"""A ``python -m unittest`` command run through pytest, which runs unittest's test cases as they
are and reports each test on its own (JUnit results, per-test coverage, tracebacks), where
unittest alone gives one exit code for the whole suite. Only the forms whose meaning pytest can
keep are translated; anything else runs as given, judged by its exit code.
"""

from __future__ import annotations

from pathlib import Path

from homeostasis.tools.observe.runner import TestCommand

#: unittest's options that change only how it reports: pytest reports its own way.
_REPORTING = {"-v", "--verbose", "-q", "--quiet", "-b", "--buffer", "-c", "--catch",
              "-f", "--failfast", "--locals", "--durations"}


def through_pytest(command: TestCommand, root: Path) -> TestCommand | None:
    """``command`` as a pytest command when it is ``python -m unittest ...`` in a form pytest
    can run with the same tests (discovery, or test modules by name or path); None otherwise."""
    argv = command.argv
    if len(argv) < 3 or argv[1:3] != ("-m", "unittest"):
        return None
    rest = [a for a in argv[3:] if a not in _REPORTING]
    discover = rest[:1] == ["discover"] or not rest
    targets = _discovery(rest[1:]) if discover else _modules(rest, root)
    if targets is None:
        return None
    return TestCommand((argv[0], "-m", "pytest", *targets), command.python, command.source_dirs)


def _discovery(args: list[str]) -> list[str] | None:
    """pytest's arguments for ``unittest discover ARGS``: the start folder and file pattern."""
    named = {"-s": ".", "-p": "test*.py", "-t": ""}
    plain: list[str] = []
    words = iter(args)
    for word in words:
        flag = {"--start-directory": "-s", "--pattern": "-p", "--top-level-directory": "-t"}.get(
            word, word)
        if flag in named:
            value = next(words, None)
            if value is None:
                return None
            named[flag] = value
        elif word.startswith("-"):
            return None  # -k and the like: no sure translation
        else:
            plain.append(word)
    for flag, value in zip(("-s", "-p", "-t"), plain, strict=False):
        named[flag] = value
    return [named["-s"], "-o", f"python_files={named['-p']}"]


def _modules(names: list[str], root: Path) -> list[str] | None:
    """Test files for unittest's module names (``tests.test_cart``) or paths; None when one
    is a class or method, or names no file."""
    files = []
    for name in names:
        path = name if name.endswith(".py") else name.replace(".", "/") + ".py"
        if name.startswith("-") or not (root / path).is_file():
            return None
        files.append(path)
    return files  # pytest collects the files it is given whatever their names
