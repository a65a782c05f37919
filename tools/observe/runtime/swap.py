"""Swapping a deploy's changed functions into this process, against the code it runs.

A ``swap`` generation keeps, for each file it changed, the text before and the text after the
deploy (:mod:`homeostasis.tools.observe.runtime.generation`). Both are compiled: a function
whose code differs is **changed** and must be swapped; one that differs only by where it sits
in the file (an edit above it moved it) is **moved**, swapped when it can be so that its
tracebacks name the right lines, and left alone when it cannot.

The running function objects are found by one pass over the objects the garbage collector
tracks (every function object is one), by file and qualified name: a module's functions and
methods, a ``@property``'s getter, the function inside ``@lru_cache`` (whose cache is
cleared) or inside a decorator that did not use ``functools.wraps``, and the functions an app
factory made and registered (``create_app.<locals>.index``). One is swapped only when its
running code is the code compiled from the "before" text (a service whose file changed on disk
since it started runs something else: it is not swapped), and only when its free variables
are the same (a closure that changed, or a method that starts calling ``super()``, cannot be).
A generation is swapped whole or not at all: when one of its changed functions cannot be, the
worker swaps none and reports that it needs a reload.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import CodeType, FunctionType

#: ``co_flags`` of a function's code (a class body's code has neither).
_FUNCTION_FLAGS = 0x0001 | 0x0002  # CO_OPTIMIZED | CO_NEWLOCALS
_LRU = getattr(functools, "_lru_cache_wrapper", None)


def compiled(text: str, filename: str) -> tuple[dict[str, CodeType], set[str]]:
    """The code of every function and method in ``text`` by qualified name (nested ones
    included; lambdas and comprehensions are part of the function around them), and the
    names defined more than once (which of them runs cannot be told)."""
    found: dict[str, CodeType] = {}
    twice: set[str] = set()

    def walk(code: CodeType) -> None:
        for const in code.co_consts:
            if not isinstance(const, CodeType):
                continue
            if not const.co_name.startswith("<") and const.co_flags & _FUNCTION_FLAGS:
                if const.co_qualname in found:
                    twice.add(const.co_qualname)
                found[const.co_qualname] = const
            walk(const)

    # dont_inherit: this module's own `from __future__` imports must not change the code.
    walk(compile(text, filename, "exec", dont_inherit=True))
    return found, twice


def same(a: CodeType, b: CodeType, positions: bool = True) -> bool:
    """Whether two code objects were compiled from the same source (``==`` on a code object
    that has run can tell them apart by its specialised bytecode); with ``positions`` false,
    where the source sat in its file does not count."""
    keys: tuple[str, ...] = (
        "co_code", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_flags",
        "co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_exceptiontable")
    if positions:
        keys += ("co_firstlineno", "co_linetable")
    if any(getattr(a, k, None) != getattr(b, k, None) for k in keys):
        return False
    if len(a.co_consts) != len(b.co_consts):
        return False
    return all(same(x, y, positions) if isinstance(x, CodeType) and isinstance(y, CodeType)
               else type(x) is type(y) and x == y
               for x, y in zip(a.co_consts, b.co_consts, strict=True))


@dataclass(frozen=True)
class Change:
    """What one file's deploy changed: ``old``/``new`` code by qualified name; ``changed``
    must be swapped, ``moved`` only moved in the file; ``problems`` make swapping impossible
    (a function added or removed outside another, one defined twice, a syntax error)."""

    old: Mapping[str, CodeType] = field(default_factory=dict)
    new: Mapping[str, CodeType] = field(default_factory=dict)
    changed: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def change(rel: str, before: str | None, after: str | None, filename: str = "") -> Change:
    """What changed in the functions of ``rel`` from ``before`` to ``after``."""
    if before is None or after is None:
        return Change(problems=(f"{rel}: the file was {'added' if before is None else 'removed'}",))
    try:
        old, twice_old = compiled(before, filename or rel)
        new, twice_new = compiled(after, filename or rel)
    except (SyntaxError, ValueError) as exc:
        return Change(problems=(f"{rel}: {exc}",))
    problems = [f"{rel}: {q} was {'added' if q in new else 'removed'}"
                for q in sorted(set(old) ^ set(new)) if "<locals>" not in q]
    changed, moved = [], []
    for q in sorted(set(old) & set(new)):
        if same(old[q], new[q]):
            continue
        if q in twice_old | twice_new:
            problems.append(f"{rel}: {q} is defined more than once")
        elif same(old[q], new[q], positions=False):
            moved.append(q)
        else:
            changed.append(q)
    return Change(old, new, tuple(changed), tuple(moved), tuple(problems))


@dataclass
class Plan:
    """The swaps of one generation, and why it cannot be swapped (empty when it can)."""

    swaps: list[tuple[FunctionType, CodeType, str]] = field(default_factory=list)
    caches: list[object] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _running(paths: Iterable[str]) -> tuple[dict[tuple[str, str], list[FunctionType]],
                                            dict[int, object]]:
    """The live function objects of the files ``paths`` (real paths) by (path, qualname),
    and the ``lru_cache`` wrapper of any of them by the function's id."""
    wanted = set(paths)
    real: dict[str, str] = {}
    functions: dict[tuple[str, str], list[FunctionType]] = {}
    caches: dict[int, object] = {}
    for obj in gc.get_objects():
        kind = type(obj)
        if kind is FunctionType:
            code = obj.__code__
            name = code.co_filename
            if name not in real:
                real[name] = os.path.realpath(name) if not name.startswith("<") else ""
            if real[name] in wanted:
                functions.setdefault((real[name], code.co_qualname), []).append(obj)
        elif _LRU is not None and kind is _LRU:
            inner = obj.__dict__.get("__wrapped__")
            if type(inner) is FunctionType:
                caches[id(inner)] = obj
    return functions, caches


def plan(changes: Mapping[str, Change]) -> Plan:
    """How to swap ``changes`` (real path → :class:`Change`) into this process."""
    done = Plan()
    for change_ in changes.values():
        done.problems += change_.problems
    if done.problems:
        return done
    functions, caches = _running(changes)
    for path, change_ in changes.items():
        for q in (*change_.changed, *change_.moved):
            required = q in change_.changed
            for fn in functions.get((path, q), []):
                running = fn.__code__
                if same(running, change_.new[q]):
                    continue  # swapped already (the same function met twice)
                if not same(running, change_.old[q]):
                    if required:
                        done.problems.append(
                            f"{q}: the running code is not what the deploy changed (the file "
                            "changed on disk since the service started)")
                    continue
                if running.co_freevars != change_.new[q].co_freevars:
                    done.problems.append(
                        f"{q}: its closure changed (new names from the enclosing scope, or "
                        "super()), which a running function cannot take")
                    continue
                done.swaps.append((fn, change_.new[q], f"{fn.__module__}.{q}"))
                if id(fn) in caches:
                    done.caches.append(caches[id(fn)])
    return done


def apply(done: Plan) -> list[str]:
    """Swap in a plan without problems; the functions swapped, by module and qualname."""
    for fn, code, _ in done.swaps:
        fn.__code__ = code
    for cache in done.caches:
        clear = getattr(cache, "cache_clear", None)
        if clear is not None:
            clear()  # results computed by the old code
    return sorted({name for _, _, name in done.swaps})
