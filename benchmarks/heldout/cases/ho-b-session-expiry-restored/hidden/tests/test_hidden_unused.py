from sessions import ExpiryPolicy, Session, SessionStore


def test_unused_session_expires_after_idle_timeout():
    policy = ExpiryPolicy(idle_timeout=60, absolute_timeout=3600)
    session = Session("x", "u", created_at=100.0)
    assert not policy.is_expired(session, now=160.0)
    assert policy.is_expired(session, now=160.5)


def test_unused_session_still_bound_by_absolute_timeout():
    policy = ExpiryPolicy(idle_timeout=1000, absolute_timeout=500)
    assert policy.is_expired(Session("x", "u", created_at=0.0), now=500.0)


def test_restored_unused_session_that_is_stale_is_dropped():
    store = SessionStore(ExpiryPolicy(idle_timeout=300))
    store.load([{"id": "s1", "user_id": "u", "created_at": 0.0, "last_seen": None}])
    assert store.get("s1", now=301.0) is None
    assert len(store) == 0


def test_used_session_counts_idle_from_last_use():
    policy = ExpiryPolicy(idle_timeout=60, absolute_timeout=3600)
    session = Session("x", "u", created_at=0.0, last_seen=500.0)
    assert not policy.is_expired(session, now=550.0)
    assert policy.is_expired(session, now=561.0)
