from httpcache import CachedResponse, ResponseCache, current_age, freshness_lifetime, parse_cache_control


def test_parse_cache_control():
    assert parse_cache_control('public, max-age=300, community="UCI"') == {
        "public": True, "max-age": 300, "community": "UCI"}


def test_max_age_wins_over_expires():
    r = CachedResponse(200, date=1000.0, stored_at=1000.0, expires=5000.0,
                       headers={"cache-control": "max-age=60"})
    assert freshness_lifetime(r) == 60.0


def test_s_maxage_only_for_shared_caches():
    r = CachedResponse(200, date=0.0, stored_at=0.0,
                       headers={"cache-control": "max-age=60, s-maxage=600"})
    assert freshness_lifetime(r, shared=True) == 600.0
    assert freshness_lifetime(r, shared=False) == 60.0


def test_age_header_counts():
    r = CachedResponse(200, date=1000.0, stored_at=1000.0, headers={"age": "100"})
    assert current_age(r, now=1030.0) == 130.0


def test_expires_lifetime_measured_from_date():
    r = CachedResponse(200, date=500.0, stored_at=1000.0, expires=1100.0)
    assert freshness_lifetime(r) == 600.0


def test_lookup_expires_only_response_from_slow_clock_server():
    cache = ResponseCache()
    cache.store("/logo.png", CachedResponse(200, date=500.0, stored_at=1000.0, expires=1100.0))
    assert cache.lookup("/logo.png", now=1050.0) is not None


def test_private_response_not_stored_by_shared_cache():
    cache = ResponseCache(shared=True)
    r = CachedResponse(200, date=0.0, stored_at=0.0, headers={"cache-control": "private, max-age=60"})
    assert cache.store("/me", r) is False
    assert cache.lookup("/me", now=1.0) is None
