"""Fixtures for tests against a real database.

Every test that asks for ``engine`` (or ``db_url``, ``session``, ``demo_engine``)
runs twice: on SQLite and on PostgreSQL. PostgreSQL is the server named by
``PRIZE_TEST_POSTGRES_URL``, else one answering on 127.0.0.1:5432; without one
the PostgreSQL runs are skipped, except on CI (``CI=true``), where they fail.

- SQLite: the schema is migrated once per run into a template file; each test
  gets its own copy of it.
- PostgreSQL: one database ``prize_test_<hex>`` per run, migrated once and
  dropped at the end; each test starts from empty tables with restarted ids.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from prize.db import make_engine, session_scope
from prize.migrate import upgrade
from prize.models import Base
from prize.services.demo import load_demo_year
from prize.storage import LocalStorage
from tests.databases import new_postgres_database
from tests.factories import TEST_BCRYPT_ROUNDS
from tests.mail_server import mail_server, mail_server_down  # noqa: F401 (fixtures of every test)

# For the CLI and the app under test too: bcrypt is slow by design, tests only need it correct.
os.environ["PRIZE_BCRYPT_ROUNDS"] = str(TEST_BCRYPT_ROUNDS)

POSTGRES_URL_ENV = "PRIZE_TEST_POSTGRES_URL"
LOCAL_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend of this run of the test: ``sqlite`` or ``postgresql``."""
    return request.param


# --- SQLite ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the migrated, empty schema; tests copy it."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    # Fold the write-ahead log into the file, so copying the file copies everything.
    # Outside a transaction: prize.db begins every transaction with the write lock.
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    engine.dispose()
    return path


def _sqlite_engine(template: Path, directory: Path) -> Engine:
    path = directory / "prize.db"
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


# --- PostgreSQL -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    """The URL of a PostgreSQL server's maintenance database, or skip (fail on CI)."""
    configured = os.environ.get(POSTGRES_URL_ENV)
    url = configured or LOCAL_POSTGRES_URL
    probe = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with probe.connect():
            pass
    except OperationalError as error:
        reason = f"no PostgreSQL server answers at {make_url(url).render_as_string()}: {error.orig}".strip()
        if configured:
            pytest.fail(f"{reason} (the server {POSTGRES_URL_ENV} names)", pytrace=False)
        if _on_ci():
            pytest.fail(f"{reason} (CI=true: the PostgreSQL tests must run)", pytrace=False)
        pytest.skip(f"{reason}; start one or set {POSTGRES_URL_ENV} to run the PostgreSQL tests")
    finally:
        probe.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_engine(postgres_server_url: str) -> Iterator[Engine]:
    """An engine on this run's own database, created and migrated at first use."""
    with new_postgres_database(postgres_server_url, prefix="prize_test") as engine:
        upgrade(engine)
        yield engine


_USER_TABLES = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename <> 'alembic_version'")
_RESTART_SEQUENCES = text("SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) "
                          "FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL")
_CHILDREN_FIRST = [table.name for table in reversed(Base.metadata.sorted_tables)]


def _empty_postgres(engine: Engine) -> None:
    """Empty every table but alembic_version; migrate again if a test downgraded the schema."""
    with engine.begin() as connection:
        present = set(connection.scalars(_USER_TABLES))
        if "users" in present:
            _delete_all_rows(connection, present)
            return
    upgrade(engine)


def _delete_all_rows(connection: Connection, tables: set[str]) -> None:
    """What ``TRUNCATE <all> RESTART IDENTITY CASCADE`` does, in a few milliseconds
    instead of ~150 (a TRUNCATE of users cascades to nearly every table and rewrites
    its files): DELETE the filled tables, children first, and restart the sequences.
    The audit log refuses DELETE and TRUNCATE through its triggers; as a superuser
    the tests switch triggers off for this transaction (replica role) and truncate it."""
    probe = " UNION ALL ".join(f"(SELECT '{table}' FROM \"{table}\" LIMIT 1)" for table in sorted(tables))
    filled = set(connection.scalars(text(probe)))
    connection.exec_driver_sql("SET LOCAL lock_timeout = '10s'")
    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    truncated = sorted(table for table in filled if table == "audit_log" or table not in _CHILDREN_FIRST)
    if truncated:
        connection.exec_driver_sql(f"TRUNCATE {', '.join(truncated)} RESTART IDENTITY CASCADE")
    for table in _CHILDREN_FIRST:
        if table in filled and table not in truncated:
            connection.exec_driver_sql(f'DELETE FROM "{table}"')
    connection.execute(_RESTART_SEQUENCES)


# --- The fixtures tests use -----------------------------------------------------------------

@pytest.fixture
def engine(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a freshly migrated, empty database of the test's backend."""
    if backend == "sqlite":
        sqlite_engine = _sqlite_engine(request.getfixturevalue("sqlite_template"), tmp_path)
        yield sqlite_engine
        sqlite_engine.dispose()
        return
    shared = request.getfixturevalue("postgres_engine")
    _empty_postgres(shared)
    yield shared


@pytest.fixture
def db_url(engine: Engine) -> str:
    """The URL of ``engine``'s database, for another process or ``PRIZE_DATABASE_URL``."""
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """An ORM session on ``engine``; tests flush, and commit only when another
    connection must see the data."""
    with Session(engine) as orm_session:
        yield orm_session


@pytest.fixture
def storage_dir(tmp_path: Path) -> Path:
    """The folder of this test's stored files (``PRIZE_STORAGE_DIR``)."""
    return tmp_path / "files"


@pytest.fixture
def demo_engine(engine: Engine, storage_dir: Path) -> Engine:
    """``engine`` with the reference data and the demo year loaded and committed,
    its material in ``storage_dir``."""
    with session_scope(engine) as demo_session:
        load_demo_year(demo_session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=LocalStorage(storage_dir))
    return engine
