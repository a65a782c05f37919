; Calls: @name is what a call expression calls by name — `f` in `f(x)`, `m` in `obj.m(x)`.
; Resolving the names to definitions is done in callgraph.py, not here.

(call
  function: (identifier) @name)

(call
  function: (attribute attribute: (identifier) @name))
