"""A wildly overstated total must not make the client walk (or hammer) empty pages:
rules out advancing by page_size instead of stopping on an empty page."""
from apiclient.client import Client


class FakeServer:
    def __init__(self, n, reported_total):
        self.rows = [{"id": i} for i in range(n)]
        self.reported_total = reported_total
        self.calls = 0

    def get(self, path, params):
        self.calls += 1
        off, lim = params["offset"], params["limit"]
        return {"items": self.rows[off:off + lim], "total": self.reported_total}


def test_bogus_total_stops_quickly():
    server = FakeServer(5, reported_total=10_000)
    items = Client(server, page_size=2).fetch_all("x")
    assert [r["id"] for r in items] == [0, 1, 2, 3, 4]
    assert server.calls <= 4


def test_empty_first_page_with_total():
    assert Client(FakeServer(0, reported_total=3)).fetch_all("x") == []


def test_exact_pages_still_complete():
    server = FakeServer(6, reported_total=6)
    assert len(Client(server, page_size=3).fetch_all("x")) == 6
    assert server.calls == 2
