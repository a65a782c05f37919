"""Trial: a candidate applied to a copy of the project, its tests run in a sandbox; many at
once."""
