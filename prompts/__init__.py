"""Prompt templates, shipped as package data (see homeostasis.propose.llm.prompting)."""
