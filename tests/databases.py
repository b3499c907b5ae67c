"""A PostgreSQL database of a test's own, dropped afterwards."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from prize.db import make_engine


@contextmanager
def new_postgres_database(server_url: str, *, prefix: str) -> Iterator[Engine]:
    """An engine on a new, empty database ``<prefix>_<random>`` on the server at ``server_url``."""
    name = f"{prefix}_{secrets.token_hex(6)}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    # Collation C: names sort by code point, as on SQLite, whatever the server's default.
    with server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'")
    engine = make_engine(make_url(server_url).set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        server.dispose()
