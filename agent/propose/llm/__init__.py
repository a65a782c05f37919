"""Candidates from a model: the prompt, fitting it to the window, parsing the edits."""
