"""``homeostasis ci``: what the GitHub Action runs.

It reads the Actions environment and the event that started the job (:mod:`.environment`,
:mod:`.event`), checks before spending anything that what it would deliver can be delivered,
repairs with the normal loop (:func:`homeostasis.loop.heal`, as ``homeostasis fix`` does,
never touching the checkout), reads what the loop's observation showed to stop early on a
failure that is flaky or the environment's (:mod:`.triage`), and puts the fix where the mode
says (:mod:`.delivery`): a draft pull request from a ``homeostasis/<fingerprint>`` branch, a
comment, or only the job's summary. The report (:mod:`.report`) goes to the summary and the
pull request; the outputs (status, pull request, run id, cost) to ``GITHUB_OUTPUT``.
"""
