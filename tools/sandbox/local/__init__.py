"""The local sandbox (:mod:`.sandbox`): the project's commands run on this machine, each in a
workspace copied from the snapshot (:mod:`.workspaces`, with :mod:`.bytecode` carried between
them), as a process isolated by ``isolate.py`` (:mod:`.isolation`, :mod:`.cgroups`), forked from
the warm pytest server (:mod:`.warm`) or started fresh (:mod:`.fresh`) by :mod:`.runner`.
"""
