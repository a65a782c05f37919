"""Sub-commands of ``homeostasis`` other than fix and eval."""
