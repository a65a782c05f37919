"""The GitHub client and the pull-request calls, over real HTTP to :mod:`github_standin`.

Only the outside world is fake: GitHub (the stand-in on 127.0.0.1) and the clock the retries
wait on (:class:`FakeClock`, which records each pause instead of sleeping).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from github_standin import (  # github_api_fixture: the ``github_api`` fixture
    TOKEN,
    GitHubStandIn,
    error_body,
    github_api_fixture,  # noqa: F401
)
from homeostasis.core.errors import DeployError
from homeostasis.tools.deploy.github.client import API_VERSION, GitHub, GitHubError
from homeostasis.tools.deploy.github.pulls import (
    comment,
    find_open_pull,
    open_draft_pull,
    open_or_update,
    update_pull_body,
)

REPO = "octo/shop"
BRANCH = "homeostasis/00856020a1"
SECONDARY = ("You have exceeded a secondary rate limit. Please wait a few minutes before you "
             "try again.")


class FakeClock:
    """Time that passes only when slept; every pause is kept in :attr:`slept`."""

    def __init__(self) -> None:
        self.now = 1_700_000_000.0
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def gh(github_api: GitHubStandIn, clock: FakeClock) -> Iterator[GitHub]:
    with GitHub(TOKEN, github_api.url, sleep=clock.sleep, clock=clock.time) as client:
        yield client


def _open(gh: GitHub, body: str = "the fix") -> int:
    return open_draft_pull(gh, REPO, branch=BRANCH, base="main", title="Fix add",
                           body=body).number


def test_a_request_carries_githubs_headers_and_json(gh: GitHub, github_api: GitHubStandIn
                                                    ) -> None:
    pull = open_draft_pull(gh, REPO, branch=BRANCH, base="main", title="Fix add", body="Why")
    assert (pull.number, pull.head, pull.base, pull.draft, pull.state, pull.body) == (
        1, BRANCH, "main", True, "open", "Why")
    assert pull.url == f"{github_api.web_url}/octo/shop/pull/1"
    [sent] = github_api.requests
    assert (sent.method, sent.path, sent.query) == ("POST", "/repos/octo/shop/pulls", {})
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["accept"] == "application/vnd.github+json"
    assert sent.headers["x-github-api-version"] == API_VERSION == "2022-11-28"
    assert sent.headers["user-agent"].startswith("homeostasis/")
    assert sent.headers["content-type"] == "application/json"
    assert sent.body == {"title": "Fix add", "head": BRANCH, "base": "main", "body": "Why",
                         "draft": True}


def test_the_open_pull_request_is_found_by_its_head_branch(gh: GitHub,
                                                            github_api: GitHubStandIn) -> None:
    assert find_open_pull(gh, REPO, BRANCH) is None
    number = _open(gh)
    open_draft_pull(gh, REPO, branch="homeostasis/other", base="main", title="t", body="b")
    found = find_open_pull(gh, REPO, BRANCH)
    assert found is not None and found.number == number
    lookup = github_api.requests[-1]
    assert (lookup.method, lookup.path) == ("GET", "/repos/octo/shop/pulls")
    assert lookup.query == {"head": [f"octo:{BRANCH}"], "state": ["open"]}


def test_a_body_is_updated_and_a_comment_added(gh: GitHub, github_api: GitHubStandIn) -> None:
    number = _open(gh)
    updated = update_pull_body(gh, REPO, number, "new body")
    assert updated.body == "new body" == github_api.pulls[(REPO, number)]["body"]
    patch = github_api.requests[-1]
    assert (patch.method, patch.path, patch.body) == (
        "PATCH", f"/repos/octo/shop/pulls/{number}", {"body": "new body"})
    url = comment(gh, REPO, number, "Tried again: same fix.")
    assert url.startswith(f"{github_api.web_url}/octo/shop/pull/{number}#issuecomment-")
    posted = github_api.requests[-1]
    assert (posted.method, posted.path, posted.body) == (
        "POST", f"/repos/octo/shop/issues/{number}/comments", {"body": "Tried again: same fix."})


def test_open_or_update_opens_one_draft_then_updates_it(gh: GitHub,
                                                        github_api: GitHubStandIn) -> None:
    first, opened = open_or_update(gh, REPO, branch=BRANCH, base="main", title="Fix add",
                                   body="first run")
    assert opened and first.draft
    second, opened_again = open_or_update(gh, REPO, branch=BRANCH, base="main",
                                          title="Fix add", body="second run")
    assert not opened_again
    assert (second.number, second.body) == (first.number, "second run")
    [only] = github_api.open_pulls(REPO)
    assert (only["number"], only["body"]) == (first.number, "second run")
    # The same body again changes nothing: no PATCH is sent.
    open_or_update(gh, REPO, branch=BRANCH, base="main", title="Fix add", body="second run")
    assert [r.method for r in github_api.requests] == ["GET", "POST", "GET", "PATCH", "GET"]


def test_open_or_update_does_not_open_a_second_when_the_list_is_stale(
    gh: GitHub, github_api: GitHubStandIn
) -> None:
    number = _open(gh, "first run")
    github_api.fail_next(200, [])  # a list that does not show the pull request yet
    pull, opened = open_or_update(gh, REPO, branch=BRANCH, base="main", title="Fix add",
                                  body="second run")
    assert (pull.number, opened, pull.body) == (number, False, "second run")
    assert len(github_api.open_pulls(REPO)) == 1


def test_a_502_is_tried_again_after_a_backoff(gh: GitHub, github_api: GitHubStandIn,
                                              clock: FakeClock) -> None:
    github_api.fail_next(502, times=2)
    assert _open(gh) == 1
    assert len(github_api.requests) == 3
    assert clock.slept == [1.0, 2.0]


@pytest.mark.parametrize(("status", "headers", "message", "pause"), [
    (403, {"retry-after": "7"}, SECONDARY, 7.0),
    (429, {"retry-after": "3"}, SECONDARY, 3.0),
    (403, {}, SECONDARY, 60.0),
    (429, {}, "Too many requests", 60.0),
    (403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700000042"},
     "API rate limit exceeded for installation ID 1.", 42.0),
])
def test_a_rate_limit_waits_as_long_as_github_asks(
    gh: GitHub, github_api: GitHubStandIn, clock: FakeClock, status: int,
    headers: dict[str, str], message: str, pause: float
) -> None:
    github_api.fail_next(status, error_body(message), headers)
    assert find_open_pull(gh, REPO, BRANCH) is None
    assert len(github_api.requests) == 2
    assert clock.slept == [pause]


def test_a_rate_limit_too_long_to_wait_is_one_line(gh: GitHub, github_api: GitHubStandIn,
                                                   clock: FakeClock) -> None:
    github_api.fail_next(403, error_body("API rate limit exceeded"),
                         {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1700003600"})
    with pytest.raises(GitHubError, match="rate limit for this token holds for another 3600 s"):
        find_open_pull(gh, REPO, BRANCH)
    assert (clock.slept, len(github_api.requests)) == ([], 1)


def test_every_attempt_failing_is_one_line(gh: GitHub, github_api: GitHubStandIn,
                                           clock: FakeClock) -> None:
    github_api.fail_next(503, times=5)
    with pytest.raises(GitHubError) as caught:
        _open(gh)
    assert str(caught.value) == (
        "gave up on POST /repos/octo/shop/pulls at GitHub after 5 attempts (last: HTTP 503) "
        "(GitHub is down, unreachable or rate-limiting; try again later)")
    assert clock.slept == [1.0, 2.0, 4.0, 8.0]
    assert github_api.open_pulls(REPO) == []


def test_a_server_that_does_not_answer_is_tried_again(clock: FakeClock) -> None:
    with GitHubStandIn() as gone:
        url = gone.url  # a port nothing listens on once it is stopped
    with GitHub(TOKEN, url, attempts=2, sleep=clock.sleep, clock=clock.time) as gh, \
            pytest.raises(GitHubError, match=r"after 2 attempts \(last: could not connect"):
        find_open_pull(gh, REPO, BRANCH)
    assert clock.slept == [1.0]


def test_missing_permissions_name_the_permissions_needed(
    gh: GitHub, github_api: GitHubStandIn, clock: FakeClock
) -> None:
    github_api.fail_next(403, error_body("Resource not accessible by integration"),
                         {"x-ratelimit-remaining": "4999"})
    with pytest.raises(GitHubError) as caught:
        _open(gh)
    message = str(caught.value)
    assert message == (
        "the GitHub token may not POST /repos/octo/shop/pulls (HTTP 403: Resource not "
        "accessible by integration) (give the workflow's token the permissions "
        "`contents: write` and `pull-requests: write`)")
    assert isinstance(caught.value, DeployError) and caught.value.status == 403
    assert (clock.slept, len(github_api.requests)) == ([], 1)


@pytest.mark.parametrize(("status", "body"), [
    (422, error_body("Validation Failed", [{
        "resource": "PullRequest", "code": "custom",
        "message": "GitHub Actions is not permitted to create or approve pull requests."}])),
    (403, error_body("GitHub Actions is not permitted to create or approve pull requests.")),
])
def test_actions_not_allowed_to_open_pull_requests_says_which_setting(
    gh: GitHub, github_api: GitHubStandIn, status: int, body: dict[str, object]
) -> None:
    github_api.fail_next(status, body)
    with pytest.raises(GitHubError) as caught:
        _open(gh)
    message = str(caught.value)
    assert message.startswith("GitHub Actions may not open pull requests in this repository")
    assert ('enable "Allow GitHub Actions to create and approve pull requests" in the '
            "repository or organisation settings") in message
    assert "\n" not in message and len(github_api.requests) == 1


def test_a_refused_token_is_one_line_and_never_shown(github_api: GitHubStandIn) -> None:
    wrong = "ghs_" + "Wr0ngT0k3n55" * 3
    with GitHub(wrong, github_api.url) as gh, pytest.raises(GitHubError) as caught:
        find_open_pull(gh, REPO, BRANCH)
    assert str(caught.value) == ("GitHub refused the token (HTTP 401: Bad credentials) "
                                 "(check the token given to Homeostasis)")
    assert github_api.requests[0].headers["authorization"] == f"Bearer {wrong}"


def test_the_token_is_sent_only_in_the_authorization_header(
    gh: GitHub, github_api: GitHubStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    github_api.fail_next(502)
    pull, _ = open_or_update(gh, REPO, branch=BRANCH, base="main", title="t", body="b")
    comment(gh, REPO, pull.number, "c")
    # GitHub quoting the token back in an error, and an unrelated token-shaped string.
    other = "ghp_" + "An0th3rS3cr3t" * 3
    github_api.fail_next(422, error_body(f"Invalid value {TOKEN} near {other}"))
    with pytest.raises(GitHubError) as caught:
        update_pull_body(gh, REPO, pull.number, "x")

    assert len(github_api.requests) == 5
    for sent in github_api.requests:
        assert sent.headers["authorization"] == f"Bearer {TOKEN}"
        others = {k: v for k, v in sent.headers.items() if k != "authorization"}
        assert TOKEN not in f"{sent.path} {sent.query} {others}"
        assert TOKEN.encode() not in sent.raw
    error = caught.value
    assert "Invalid value" in str(error)
    for shown in (str(error), repr(error), error.detail, repr(gh), caplog.text):
        assert TOKEN not in shown and other not in shown
    assert "GitHub GET /repos/octo/shop/pulls: HTTP 502; attempt 2 of 5 in 1.0 s" in caplog.text


def test_a_github_enterprise_url_with_its_api_prefix(clock: FakeClock) -> None:
    with GitHubStandIn(prefix="/api/v3") as ghe:
        assert ghe.url.endswith("/api/v3")
        with GitHub(TOKEN, ghe.url + "/", sleep=clock.sleep) as gh:
            pull, opened = open_or_update(gh, REPO, branch=BRANCH, base="main", title="t",
                                          body="b")
        assert opened and pull.number == 1
        assert [r.path for r in ghe.requests] == ["/api/v3/repos/octo/shop/pulls"] * 2


@pytest.mark.parametrize("url", ["ftp://ghe.example/api/v3", "ghe.example/api/v3", "https://"])
def test_a_url_that_is_not_an_api_url_is_refused(url: str) -> None:
    with pytest.raises(GitHubError, match="is not a GitHub API URL"):
        GitHub(TOKEN, url)


def test_no_token_and_a_bad_repository_name_are_refused(gh: GitHub) -> None:
    with pytest.raises(GitHubError, match="no GitHub token"):
        GitHub("", "https://api.github.com")
    with pytest.raises(GitHubError, match="'shop' is not a repository name"):
        find_open_pull(gh, "shop", BRANCH)
