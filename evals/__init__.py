"""The evaluation harness (``homeostasis eval``) lives here; see docs/architecture.md."""
