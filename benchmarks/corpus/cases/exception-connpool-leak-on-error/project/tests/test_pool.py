import pytest

from pooling import Pool, PoolExhausted, QueryError


def test_connection_returned_after_block():
    pool = Pool(2)
    with pool.connection() as conn:
        conn.execute("SELECT 1")
        assert pool.available == 1
    assert pool.available == 2


def test_exhausted_pool():
    pool = Pool(1)
    pool.acquire()
    with pytest.raises(PoolExhausted):
        pool.acquire()


def test_transaction_commits():
    pool = Pool(1)
    with pool.transaction() as conn:
        conn.execute("INSERT 1")
    assert conn.executed == ["BEGIN", "INSERT 1", "COMMIT"]


def test_connection_returned_after_failed_query():
    pool = Pool(2)
    with pytest.raises(QueryError):
        with pool.connection() as conn:
            conn.execute("syntax error here")
    assert pool.available == 2


def test_pool_usable_after_failures():
    pool = Pool(1)
    for _ in range(3):
        with pytest.raises(QueryError):
            with pool.transaction() as conn:
                conn.execute("syntax error")
    with pool.connection() as conn:
        conn.execute("SELECT 1")
