from httpcache import CachedResponse, ResponseCache, freshness_lifetime


def test_expires_lifetime_when_clocks_agree():
    r = CachedResponse(200, date=2000.0, stored_at=2000.0, expires=2300.0)
    assert freshness_lifetime(r) == 300.0


def test_expires_lifetime_when_server_clock_runs_ahead():
    r = CachedResponse(200, date=5000.0, stored_at=1000.0, expires=5120.0)
    assert freshness_lifetime(r) == 120.0


def test_expires_before_date_is_already_stale():
    r = CachedResponse(200, date=900.0, stored_at=900.0, expires=800.0)
    assert freshness_lifetime(r) == 0.0


def test_ttl_of_expires_only_response():
    cache = ResponseCache()
    cache.store("/a", CachedResponse(200, date=1000.0, stored_at=1010.0, expires=1400.0))
    assert cache.ttl("/a", now=1110.0) == 290.0
