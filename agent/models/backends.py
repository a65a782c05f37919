"""A model backend from its ``NAME[:ARG]`` spec, through the registry's table of names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from homeostasis.core.errors import UsageError
from homeostasis.core.registry import MODELS, resolve
from homeostasis.models.base import Model


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
