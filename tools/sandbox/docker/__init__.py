"""The Docker sandbox (:mod:`.sandbox`): the project's commands run in warm, locked-down
containers. :mod:`.engine` reaches the Docker engine and reaps what dead runs left;
:mod:`.image` builds the images; :mod:`.pool` keeps the containers, one per parallel job;
:mod:`.workspaces` resets a container's workspace from the snapshot; :mod:`.execute` runs a
command through the in-container runner (``container_run.py``, with the warm pytest server
``warm_socket.py``; both copied into every container, :mod:`.layout`) and decodes what it
reports (:mod:`.runner_messages`); :mod:`.archive` makes the tar archives all of them copy in.
"""
