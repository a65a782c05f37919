"""Propose: candidate fixes from the offline template engine or a model."""
