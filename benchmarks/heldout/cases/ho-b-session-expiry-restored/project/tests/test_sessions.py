from sessions import ExpiryPolicy, Session, SessionStore


def test_fresh_session_is_returned_and_touched():
    store = SessionStore()
    s = store.create("u1", now=1000.0)
    assert store.get(s.id, now=1100.0) is s
    assert s.last_seen == 1100.0


def test_idle_session_expires():
    store = SessionStore(ExpiryPolicy(idle_timeout=60))
    s = store.create("u1", now=0.0)
    assert store.get(s.id, now=61.0) is None
    assert len(store) == 0


def test_active_session_hits_absolute_limit():
    policy = ExpiryPolicy(idle_timeout=100, absolute_timeout=250)
    store = SessionStore(policy)
    s = store.create("u1", now=0.0)
    for t in (90.0, 180.0):
        assert store.get(s.id, now=t) is s
    assert store.get(s.id, now=250.0) is None


def test_round_trip_through_records():
    store = SessionStore()
    s = store.create("u1", now=5.0)
    s.data["cart"] = [1, 2]
    other = SessionStore()
    other.load(store.dump())
    assert other.get(s.id, now=10.0).data == {"cart": [1, 2]}


def test_restored_unused_session_within_idle_window():
    store = SessionStore(ExpiryPolicy(idle_timeout=600))
    store.load([{"id": "abc", "user_id": "u2", "created_at": 1000.0, "last_seen": None}])
    assert store.get("abc", now=1300.0).user_id == "u2"


def test_purge_drops_stale_unused_sessions():
    store = SessionStore(ExpiryPolicy(idle_timeout=600))
    store.load([
        {"id": "old", "user_id": "u1", "created_at": 0.0},
        {"id": "new", "user_id": "u2", "created_at": 900.0, "last_seen": 950.0},
    ])
    assert store.purge(now=1000.0) == 1
    assert len(store) == 1


def test_expires_at_for_unused_session():
    policy = ExpiryPolicy(idle_timeout=60, absolute_timeout=3600)
    assert policy.expires_at(Session("x", "u", created_at=100.0)) == 160.0
