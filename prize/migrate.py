"""Bring a database to the newest schema with the Alembic migration chain."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class ForeignKeysBroken(Exception):
    """Rows that name a parent row that is not there, found before a migration's commit."""

    def __init__(self, violations: list[tuple]) -> None:
        self.violations = violations
        super().__init__(f"rows refer to missing rows (table, rowid, parent, constraint): {violations[:10]}")


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with migration_transaction(engine) as connection:
        _run(command.upgrade, connection, revision)


def downgrade(engine: Engine, revision: str) -> None:
    with migration_transaction(engine) as connection:
        _run(command.downgrade, connection, revision)


@contextmanager
def migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One connection in one transaction, for schema changes and the rows that go with them.

    On SQLite, foreign keys are not enforced meanwhile, as Alembic advises: a batch
    migration rebuilds a table by copying it and dropping the original, and under
    enforcement that DROP TABLE deletes the rows of every child table declared ON DELETE
    CASCADE and empties the columns declared SET NULL. SQLite ignores the pragma inside a
    transaction, so it is switched before the transaction begins, and every foreign key
    is checked before the commit instead."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _outside_transaction(connection, "PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    _check_foreign_keys(connection)
        finally:
            if sqlite:
                _outside_transaction(connection, "PRAGMA foreign_keys=ON")


def _outside_transaction(connection: Connection, pragma: str) -> None:
    # Through the driver: a statement on the SQLAlchemy connection would begin a transaction first.
    connection.connection.driver_connection.execute(pragma)


def _check_foreign_keys(connection: Connection) -> None:
    violations = [tuple(row) for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]
    if violations:
        raise ForeignKeysBroken(violations)


def migrate_to(connection: Connection, revision: str) -> None:
    """Up or down to ``revision`` inside the transaction ``connection`` is in."""
    current = current_revision(connection)
    if current == revision:
        return
    chain = revision_chain()
    going_down = current is not None and chain.index(revision) < chain.index(current)
    _run(command.downgrade if going_down else command.upgrade, connection, revision)


def _run(alembic_command, connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    alembic_command(config, revision)


def current_revision(connection: Connection) -> str | None:
    """The revision the database carries; None when it was never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


@cache
def revision_chain() -> tuple[str, ...]:
    """Every revision the code knows, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return tuple(reversed([revision.revision for revision in script.walk_revisions()]))


def head_revision() -> str:
    return revision_chain()[-1]


def is_current(engine: Engine) -> bool:
    """True when the database carries the newest revision of the migration chain."""
    with engine.connect() as connection:
        return current_revision(connection) == head_revision()
