"""The foundation: records, errors, settings, the project's files, redaction, the backend
registry, edits and diffs. Imports nothing else of Homeostasis."""
