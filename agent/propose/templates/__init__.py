"""The offline template engine: repair templates applied at suspect sites."""
