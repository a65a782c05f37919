"""``homeostasis watch``: heal the failures a running service met (docs/runtime-healing.md)."""
