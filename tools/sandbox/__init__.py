"""Sandboxes: somewhere to run the project's commands on a copy of its tree.

:mod:`.base` is the seam (the ``Sandbox`` and ``Workspace`` protocols, ``CommandResult``) and
:mod:`.choose` opens the sandbox the settings ask for: :mod:`.local` or :mod:`.docker`. Both
use :mod:`.snapshot`, :mod:`.limits`, :mod:`.processes` and the warm pytest server
(``pytest_server.py``, for the commands :mod:`.warmable` accepts).
"""
