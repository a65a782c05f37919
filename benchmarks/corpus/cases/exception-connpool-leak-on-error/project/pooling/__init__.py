"""A fixed-size pool of database connections."""

from pooling.connection import Connection, ConnectionClosed, QueryError
from pooling.pool import Pool, PoolExhausted

__all__ = ["Connection", "ConnectionClosed", "Pool", "PoolExhausted", "QueryError"]
