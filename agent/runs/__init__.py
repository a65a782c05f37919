"""A run's records under ``.homeostasis/runs/<id>/`` and its report."""
