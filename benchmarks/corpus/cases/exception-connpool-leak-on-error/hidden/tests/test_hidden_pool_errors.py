import pytest

from pooling import Pool


class Boom(Exception):
    pass


def test_error_inside_block_propagates_unchanged():
    pool = Pool(1)
    err = Boom("caller's own error")
    with pytest.raises(Boom) as info:
        with pool.connection():
            raise err
    assert info.value is err
    assert pool.available == 1


def test_open_transaction_rolled_back_when_block_fails():
    pool = Pool(1)
    with pytest.raises(Boom):
        with pool.connection() as conn:
            conn.begin()
            conn.execute("UPDATE t")
            raise Boom()
    assert not conn.in_transaction
    assert conn.executed[-1] == "ROLLBACK"
    assert pool.acquire() is conn


def test_failed_transaction_rolls_back_once_and_frees_connection():
    pool = Pool(2)
    with pytest.raises(Boom):
        with pool.transaction() as conn:
            conn.execute("DELETE t")
            raise Boom()
    assert conn.executed == ["BEGIN", "DELETE t", "ROLLBACK"]
    assert pool.available == 2


def test_double_release_still_rejected():
    pool = Pool(1)
    conn = pool.acquire()
    pool.release(conn)
    with pytest.raises(ValueError):
        pool.release(conn)
