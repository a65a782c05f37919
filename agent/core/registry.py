"""Backends found by name: one table per kind (name → dotted path), imported only when asked
for. The typed loaders live beside their seams: ``homeostasis.models.load.load_model`` and
``homeostasis.propose.base.make_proposer``.

A name is a key of the table or a full dotted path ``package.module.Attribute``, so a backend
outside Homeostasis plugs in without registering anywhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from homeostasis.core.errors import UsageError

MODELS: Mapping[str, str] = {
    "mock": "homeostasis.models.mock.ScriptedModel",
    "replay": "homeostasis.models.cassette.ReplayModel",
    "openai": "homeostasis.models.openai_backend.OpenAIModel",
    "anthropic": "homeostasis.models.anthropic_backend.AnthropicModel",
}

PROPOSERS: Mapping[str, str] = {
    "templates": "homeostasis.propose.templates.engine.TemplateProposer",
    "llm": "homeostasis.propose.llm.proposer.LLMProposer",
}


def resolve(kind: str, table: Mapping[str, str], name: str) -> Any:
    """The object ``name`` stands for: a key of ``table`` or a dotted path to import.

    Raises :class:`UsageError` listing the valid names when ``name`` is neither, or when the
    import fails.
    """
    dotted = table.get(name)
    if dotted is None and "." in name.strip("."):
        dotted = name
    if dotted is None:
        valid = ", ".join(sorted(table))
        raise UsageError(
            f"unknown {kind} {name!r}", hint=f"valid names: {valid}, or a dotted path"
        )
    module_name, _, attr = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise UsageError(f"cannot load {kind} {name!r}: {exc}") from None
    try:
        found = getattr(module, attr)
    except AttributeError:
        raise UsageError(f"cannot load {kind} {name!r}: {module_name} has no {attr}") from None
    if not callable(found):
        raise UsageError(f"cannot load {kind} {name!r}: {dotted} is a "
                         f"{type(found).__name__}, not a class", hint=f"name a {kind} class")
    return found
