"""The offline template engine: repair templates applied at suspect sites.

:mod:`.engine` orders the edits; :mod:`.registry` lists every template; the templates live in
one module per kind of fault (``missing_guards``, ``wrong_names``, ``wrong_conditions``…),
built from :mod:`.site`, :mod:`.mutations` and :mod:`.ast_helpers`.
"""
