"""Backends found by name: one table per kind, imported only when asked for.

A name is a key of the table or a full dotted path ``package.module.Attribute``, so a backend
outside Homeostasis plugs in without registering anywhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, cast

from homeostasis.core.errors import UsageError
from homeostasis.models.base import Model

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
        return getattr(module, attr)
    except AttributeError:
        raise UsageError(f"cannot load {kind} {name!r}: {module_name} has no {attr}") from None


def make_proposer(model: Model | None, samples: int, name: str | None = None,
                  **options: Any) -> Any:
    """A proposer: ``name`` when given, else the LLM proposer over ``model`` (``options`` go
    to it), else the offline template engine."""
    if name:
        return resolve("proposer", PROPOSERS, name)()
    if model is not None:
        return resolve("proposer", PROPOSERS, "llm")(model, samples=samples, **options)
    return resolve("proposer", PROPOSERS, "templates")()


def load_model(spec: str, options: Mapping[str, Any] | None = None) -> Model:
    """The model a ``NAME[:ARG]`` spec names, e.g. ``mock:replies.txt`` or ``openai:gpt-4o``.

    ``NAME`` is a key of :data:`MODELS` or a dotted path to a class. The class is built with
    its ``from_spec(ARG)`` classmethod when it has one, else called with ``ARG`` (or with
    nothing when there is no ``ARG``) and ``options`` as keywords (e.g. ``base_url``).
    Raises :class:`UsageError` for unknown names, for options a backend does not take, and
    for objects that are not models.
    """
    name, _, arg = spec.partition(":")
    factory = resolve("model", MODELS, name)
    from_spec = getattr(factory, "from_spec", None)
    if callable(from_spec):
        if options:
            raise UsageError(f"the {name} model takes no {', '.join(options)}")
        model = from_spec(arg)
    else:
        model = factory(*([arg] if arg else []), **(options or {}))
    if not callable(getattr(model, "complete", None)) or not isinstance(
        getattr(model, "name", None), str
    ):
        raise UsageError(f"{spec!r} is not a model: it needs a name and a complete() method")
    return cast(Model, model)
