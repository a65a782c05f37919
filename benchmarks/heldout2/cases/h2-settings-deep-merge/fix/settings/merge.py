"""Layered settings: defaults < config file < environment overrides."""
import copy
from typing import Any, Dict, Iterable, Mapping

Settings = Dict[str, Any]


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> Settings:
    """A new dict: ``override`` on top of ``base``; nested dicts are merged key by key.

    Neither argument is modified.
    """
    result = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def layered(*layers: Mapping[str, Any]) -> Settings:
    merged: Settings = {}
    for layer in layers:
        merged = deep_merge(merged, layer)
    return merged


def from_env(environ: Mapping[str, str], prefix: str = "APP__") -> Settings:
    """APP__DB__HOST=x -> {'db': {'host': 'x'}}."""
    out: Settings = {}
    for name, value in environ.items():
        if not name.startswith(prefix):
            continue
        path = name[len(prefix):].lower().split("__")
        node = out
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return out


def flatten(settings: Mapping[str, Any], parent: str = "") -> Iterable[str]:
    for key, value in sorted(settings.items()):
        dotted = f"{parent}.{key}" if parent else key
        if isinstance(value, Mapping):
            yield from flatten(value, dotted)
        else:
            yield f"{dotted}={value}"
