from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, inspect, select, update
from sqlalchemy.exc import IntegrityError, StatementError

from prize.actor import Actor
from prize.db import session_scope
from prize.migrate import downgrade, is_current, upgrade
from prize.models import AuditEntry, Base, PrizeYear, User
from prize.models.round import RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services.audit import record_change
from tests.factories import make_body, make_nomination, make_sheet, make_user, make_year

MODEL_TABLES = sorted(Base.metadata.tables)

def _primary_message(error) -> str:
    """The database's own message, without PostgreSQL's DETAIL and CONTEXT lines."""
    diagnostics = getattr(error.orig, "diag", None)
    return diagnostics.message_primary if diagnostics is not None else str(error.orig)


def _table_names(engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def _audit_entry(engine) -> None:
    with session_scope(engine) as session:
        record_change(session, actor=Actor.command_line(), action="test.recorded", entity="test", entity_id=1,
                      old="før", new="efter")


def test_the_migrated_schema_matches_the_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})

        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_a_migrated_database_is_current(engine):
    assert is_current(engine) is True


def test_the_migrations_go_down_to_nothing_and_up_again(engine):
    downgrade(engine, "base")
    emptied = _table_names(engine)

    upgrade(engine)

    assert (emptied, _table_names(engine)) == (["alembic_version"], sorted(MODEL_TABLES + ["alembic_version"]))


def test_after_downgrade_and_upgrade_the_audit_log_is_append_only_again(engine):
    downgrade(engine, "base")
    upgrade(engine)
    _audit_entry(engine)

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.execute(delete(AuditEntry))

    assert (type(refused.value), _primary_message(refused.value)) == (
        IntegrityError, "audit_log is append-only")


def test_the_audit_log_refuses_an_update(engine):
    _audit_entry(engine)

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.execute(update(AuditEntry).values(new_value="forfalsket"))

    assert (type(refused.value), _primary_message(refused.value)) == (
        IntegrityError, "audit_log is append-only")
    with engine.connect() as connection:
        assert connection.scalars(select(AuditEntry.new_value)).all() == ["efter"]


def test_the_audit_log_refuses_a_delete(engine):
    _audit_entry(engine)

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.execute(delete(AuditEntry))

    assert (type(refused.value), _primary_message(refused.value)) == (
        IntegrityError, "audit_log is append-only")
    with engine.connect() as connection:
        assert connection.scalars(select(AuditEntry.action)).all() == ["test.recorded"]


@pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_the_audit_log_refuses_a_truncate_on_postgresql(engine):
    _audit_entry(engine)

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.exec_driver_sql("TRUNCATE audit_log")

    assert (type(refused.value), _primary_message(refused.value)) == (
        IntegrityError, "audit_log is append-only")
    with engine.connect() as connection:
        assert connection.scalars(select(AuditEntry.action)).all() == ["test.recorded"]


def test_the_audit_log_refuses_an_insert_that_replaces_an_entry(engine, backend):
    _audit_entry(engine)
    replace = {"sqlite": "INSERT OR REPLACE INTO audit_log (id, at, actor_label, action, entity, new_value) "
                         "VALUES (1, '2020-01-01 00:00:00.000000', 'x', 'forfalsket', 'test', 'forfalsket')",
               "postgresql": "INSERT INTO audit_log (id, at, actor_label, action, entity, new_value) "
                             "VALUES (1, now(), 'x', 'forfalsket', 'test', 'forfalsket') "
                             "ON CONFLICT (id) DO UPDATE SET action = excluded.action"}[backend]

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.exec_driver_sql(replace)

    assert (type(refused.value), _primary_message(refused.value)) == (
        IntegrityError, "audit_log is append-only")
    with engine.connect() as connection:
        assert connection.execute(select(AuditEntry.action, AuditEntry.new_value)).all() == [
            ("test.recorded", "efter")]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_audit_log_refuses_an_upsert_on_sqlite_too(engine):
    _audit_entry(engine)

    with pytest.raises(IntegrityError) as refused, engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO audit_log (id, at, actor_label, action, entity) VALUES (1, '2020-01-01', 'x', 'y', 'z') "
            "ON CONFLICT (id) DO UPDATE SET action = excluded.action")

    assert _primary_message(refused.value) == "audit_log is append-only"


def test_a_username_is_unique(session, backend):
    make_user(session, role=Role.JUROR, username="jury1")
    session.add(User(username="jury1", name="En anden", role=Role.JUROR, password_hash="x"))

    with pytest.raises(IntegrityError) as refused:
        session.flush()

    assert _primary_message(refused.value) == {
        "sqlite": "UNIQUE constraint failed: users.username",
        "postgresql": 'duplicate key value violates unique constraint "uq_users_username"',
    }[backend]


def test_a_juror_has_one_sheet_per_candidate_and_round(session, backend):
    year = make_year(session)
    nomination = make_nomination(session, year=year, body=make_body(session))
    juror = make_user(session, role=Role.JUROR)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    make_sheet(session, round=screening, juror=juror, nomination=nomination, values=[3] * 7, submitted=True)

    with pytest.raises(IntegrityError) as refused:
        make_sheet(session, round=screening, juror=juror, nomination=nomination, values=[4] * 7, submitted=False)

    assert _primary_message(refused.value) == {
        "sqlite": "UNIQUE constraint failed: score_sheets.round_id, score_sheets.juror_id, "
                  "score_sheets.nomination_id",
        "postgresql": 'duplicate key value violates unique constraint '
                      '"uq_score_sheets_round_id_juror_id_nomination_id"',
    }[backend]


def test_a_time_is_stored_as_utc_and_read_back_with_its_zone(session):
    copenhagen_noon = datetime(2020, 1, 15, 12, 0, tzinfo=timezone(timedelta(hours=1)))
    year = make_year(session)
    year.nomination_deadline = copenhagen_noon
    session.flush()
    session.expire_all()

    stored = session.scalar(select(PrizeYear.nomination_deadline))

    assert (stored, stored.tzinfo) == (datetime(2020, 1, 15, 11, 0, tzinfo=UTC), UTC)


def test_a_time_without_zone_is_refused(session):
    year = make_year(session)
    year.nomination_deadline = datetime(2020, 1, 15, 12, 0)

    with pytest.raises(StatementError) as refused:
        session.flush()

    assert str(refused.value.orig) == "naive datetime; give a timezone"
