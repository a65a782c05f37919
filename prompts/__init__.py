"""Prompt templates, shipped as package data (see homeostasis.prompting)."""
