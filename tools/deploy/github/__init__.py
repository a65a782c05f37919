"""GitHub as a place a fix can go: a small REST client (:mod:`.client`) and the pull-request
calls built on it (:mod:`.pulls`). The branch a pull request proposes is pushed by
:mod:`homeostasis.tools.deploy.git_branch`; nothing here touches git."""
