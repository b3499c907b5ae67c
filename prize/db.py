"""Engines and the one place where transactions begin and end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

SQLITE_BUSY_TIMEOUT_MS = 15_000


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL, a busy timeout and
    transactions that take the write lock when they begin."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver would otherwise start its own deferred transactions; begin is ours.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin_immediate(connection) -> None:
    """A deferred SQLite transaction that reads and then writes fails at once with
    "database is locked" when another writer committed in between (the busy
    timeout does not apply to that case). Taking the write lock at BEGIN makes
    writers wait their turn instead, and makes a check followed by a change
    atomic, as a row lock does on PostgreSQL. WAL still lets readers of other
    connections go on."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection in one read-only transaction that sees the database as it was when
    the transaction began, while the app goes on writing: REPEATABLE READ on PostgreSQL.
    On SQLite a connection of its own begins a plain (deferred) transaction: the app's
    connections take the write lock at BEGIN, which would hold up every writer for as
    long as the snapshot is read. With the write-ahead log, the first read fixes what
    the transaction sees."""
    if engine.dialect.name != "sqlite":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        with engine.connect().execution_options(**options) as connection, connection.begin():
            yield connection
        return
    reader = create_engine(engine.url, poolclass=NullPool, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    event.listen(reader, "connect", _sqlite_reader_pragmas)
    event.listen(reader, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    try:
        with reader.connect() as connection, connection.begin():
            yield connection
    finally:
        reader.dispose()


def _sqlite_reader_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA query_only=ON")
    dbapi_connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on error."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


_ENDINGS = "prize.db.transaction_endings"


def when_transaction_ends(session: Session, *, committed: Callable[[], None] = lambda: None,
                          rolled_back: Callable[[], None] = lambda: None) -> None:
    """Call ``committed`` once the session's current transaction has committed, or
    ``rolled_back`` once it has ended any other way (rolled back, failed to commit,
    or closed without a commit). For what lives outside the database and must
    follow it, such as a stored file: a service flushes but never commits, so it
    cannot know the outcome itself."""
    endings = session.info.get(_ENDINGS)
    if endings is None:
        endings = session.info[_ENDINGS] = {"committed": False, "calls": []}
        event.listen(session, "after_commit", _mark_committed)
        event.listen(session, "after_transaction_end", _call_endings)
    endings["calls"].append((committed, rolled_back))


def _mark_committed(session: Session) -> None:
    session.info[_ENDINGS]["committed"] = True


def _call_endings(session: Session, transaction) -> None:
    if transaction.parent is not None:  # a savepoint or a subtransaction: the outcome is still open
        return
    endings = session.info[_ENDINGS]
    calls, committed = endings["calls"], endings["committed"]
    endings.update(calls=[], committed=False)
    for on_commit, on_rollback in calls:
        (on_commit if committed else on_rollback)()
