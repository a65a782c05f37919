"""Observe a running service: runtime failures captured where they happen (the middleware,
logging handler and excepthook of :mod:`homeostasis.monitor`), kept in the project's event
store, and turned into reproduction tests for the healing loop."""
