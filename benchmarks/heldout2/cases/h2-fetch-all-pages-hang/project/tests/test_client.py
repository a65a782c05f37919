import pytest

from apiclient.client import ApiError, Client


class FakeServer:
    def __init__(self, n, reported_total=None):
        self.rows = [{"id": i} for i in range(n)]
        self.reported_total = n if reported_total is None else reported_total
        self.calls = []

    def get(self, path, params):
        self.calls.append(params["offset"])
        off, lim = params["offset"], params["limit"]
        return {"items": self.rows[off:off + lim], "total": self.reported_total}


def test_single_page():
    assert list(Client(FakeServer(3), page_size=10).iter_ids("users")) == [0, 1, 2]


def test_several_pages():
    server = FakeServer(25)
    assert len(Client(server, page_size=10).fetch_all("users")) == 25
    assert server.calls == [0, 10, 20]


def test_empty_collection():
    assert Client(FakeServer(0)).fetch_all("users") == []


def test_error_body():
    class Broken:
        def get(self, path, params):
            return {"error": "forbidden"}

    with pytest.raises(ApiError):
        Client(Broken()).fetch_all("users")


class StaleTotalServer:
    """Reports the total from before some rows were deleted."""

    def __init__(self, n, reported_total):
        self.rows = [{"id": i} for i in range(n)]
        self.reported_total = reported_total

    def get(self, path, params):
        off, lim = params["offset"], params["limit"]
        return {"items": self.rows[off:off + lim], "total": self.reported_total}


def test_items_deleted_while_paging():
    server = StaleTotalServer(7, reported_total=9)
    assert [r["id"] for r in Client(server, page_size=3).fetch_all("users")] == list(range(7))
