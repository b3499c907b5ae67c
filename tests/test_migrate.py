"""The migration chain run on databases with rows in them."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from prize.migrate import (ForeignKeysBroken, current_revision, downgrade, head_revision, migrate_to,
                           migration_transaction, revision_chain, upgrade)
from tests.factories import fill_revision_0003

SHA256 = "0" * 64
STORAGE_KEY = "0123456789abcdef0123456789abcdef"


def _rows(engine: Engine, statement: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(statement))]


def test_an_upgrade_of_a_filled_database_keeps_every_child_row(engine):
    downgrade(engine, "0003")
    fill_revision_0003(engine, storage_key=STORAGE_KEY, sha256=SHA256)

    upgrade(engine)

    assert _rows(engine, "SELECT nomination_id, name FROM candidate_villages") == [(1, "Løvel")]
    assert _rows(engine, "SELECT nomination_id, question, text FROM nomination_answers") == [
        (1, "achievements", "Vi har bygget et forsamlingshus.")]
    assert _rows(engine, "SELECT username, nomination_id FROM users") == [("ildsjael", 1)]
    assert _rows(engine, "SELECT nomination_id, storage_key FROM attachments") == [(1, STORAGE_KEY)]


def test_the_chain_runs_from_the_first_revision_to_the_head():
    assert (revision_chain()[0], revision_chain()[-1]) == ("0001", head_revision())


def test_migrate_to_goes_down_and_up_an_empty_database_within_one_transaction(engine):
    with migration_transaction(engine) as connection:
        migrate_to(connection, "0002")
        down = current_revision(connection)
        migrate_to(connection, head_revision())
        up = current_revision(connection)

    assert (down, up) == ("0002", head_revision())


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_migration_that_leaves_a_row_without_its_parent_is_rolled_back_on_sqlite(engine):
    with pytest.raises(ForeignKeysBroken) as error:
        with migration_transaction(engine) as connection:
            connection.execute(text("INSERT INTO candidate_villages (id, nomination_id, position, name) "
                                    "VALUES (1, 99, 1, 'Ingen')"))

    assert [violation[0] for violation in error.value.violations] == ["candidate_villages"]
    assert _rows(engine, "SELECT id FROM candidate_villages") == []


@pytest.mark.parametrize("backend", ["sqlite"])
def test_after_a_migration_foreign_keys_are_enforced_again_on_sqlite(engine):
    upgrade(engine)

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("INSERT INTO candidate_villages (id, nomination_id, position, name) "
                                "VALUES (1, 99, 1, 'Ingen')"))

    assert _rows(engine, "SELECT id FROM candidate_villages") == []
