; Definitions that context building can point a proposer at.
; Captures: @name is the defined identifier; @definition.<kind> is the whole definition.
; Nesting (top-level / class-level only) is decided in syntax_tree.py, not here.

(module
  (expression_statement
    (assignment left: (identifier) @name)) @definition.constant)

(class_definition
  name: (identifier) @name) @definition.class

(function_definition
  name: (identifier) @name) @definition.function
