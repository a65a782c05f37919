"""Model backends: the request/reply records, the ``Model`` Protocol and a scripted model."""

from homeostasis.models.base import Completion, Message, Model, ModelRequest, Usage
from homeostasis.models.mock import ScriptedModel

__all__ = ["Completion", "Message", "Model", "ModelRequest", "ScriptedModel", "Usage"]
