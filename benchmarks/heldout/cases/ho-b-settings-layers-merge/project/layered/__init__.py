"""Application settings built from layers: defaults, a config file, the environment."""

from layered.envvars import from_environ
from layered.merge import deep_merge
from layered.settings import Settings

__all__ = ["Settings", "deep_merge", "from_environ"]
