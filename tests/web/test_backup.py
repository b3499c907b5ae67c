"""The backup route, through Starlette's TestClient: real links, the demo year in a real
database (SQLite and PostgreSQL), the archive restored to check it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.testclient import TestClient

from prize import backup_links
from prize.actor import Actor
from prize.backup import restore_backup
from prize.db import make_engine, session_scope
from prize.errors import NotAllowed
from prize.file_links import FileGrant
from prize.file_links import sign as sign_file_link
from prize.models import AuditEntry, Base, User
from prize.roles import Role
from prize.services.backup import backup_link
from prize.services.users import log_out, set_active
from prize.settings import Settings
from prize.storage import LocalStorage
from tests.factories import actor_of, make_user
from web.backup import backup_route

KEY = "test-cookie-key-for-backup-links-0123456789"
NOW = datetime(2027, 1, 15, 13, 30, tzinfo=UTC)
REFUSAL = ("Linket til sikkerhedskopien virker ikke (længere). Det gælder i kort tid og kun for den, der bad om "
           "det, mens vedkommende er logget ind. Bed om et nyt link på siden Drift.")


@pytest.fixture
def clock() -> dict[str, datetime]:
    return {"now": NOW}


@pytest.fixture
def client(demo_engine: Engine, storage_dir: Path, clock) -> TestClient:
    settings = Settings(cookie_key=KEY, storage_dir=str(storage_dir))
    app = Starlette(routes=[backup_route(load_settings=lambda: settings, load_engine=lambda: demo_engine,
                                         now=lambda: clock["now"])])
    return TestClient(app)


def _user(engine: Engine, username: str) -> User:
    with Session(engine, expire_on_commit=False) as session:
        return session.scalars(select(User).where(User.username == username)).one()


def _link(engine: Engine, username: str = "sekretariat", *, key: str = KEY) -> str:
    user = _user(engine, username)
    return backup_link(actor=actor_of(user), session_version=user.session_version, cookie_key=key, now=NOW).path


def _audit_actions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "backup")))


def _every_row(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables}


def _every_file(storage: LocalStorage) -> dict[str, bytes]:
    return {key: storage.local_path(key).read_bytes() for key in storage.keys()}


def test_a_valid_link_streams_an_archive_that_restores(client, demo_engine, storage_dir, tmp_path):
    answer = client.get(_link(demo_engine))
    archive = tmp_path / "download.zip"
    archive.write_bytes(answer.content)
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    restored = LocalStorage(tmp_path / "restored")

    restore_backup(target, restored, archive)

    assert (answer.status_code, answer.headers["content-type"], answer.headers["content-disposition"],
            answer.headers["cache-control"]) == (
        200, "application/zip", 'attachment; filename="landsbyprisen-backup-2027-01-15-1330.zip"; '
                                "filename*=UTF-8''landsbyprisen-backup-2027-01-15-1330.zip", "no-store")
    assert _every_row(target) == _every_row(demo_engine)
    assert _every_file(restored) == _every_file(LocalStorage(storage_dir))
    target.dispose()


def test_a_download_is_audited_once_with_the_secretariat_user(client, demo_engine):
    client.get(_link(demo_engine))

    with Session(demo_engine) as session:
        entries = [(entry.actor_id, entry.actor_label, entry.entity_id, entry.new_value)
                   for entry in session.scalars(select(AuditEntry).where(AuditEntry.action == "backup.downloaded"))]
    secretary = _user(demo_engine, "sekretariat")
    assert entries == [(secretary.id, "Mette Kjær Lauridsen (sekretariat)", None,
                        '{"filename": "landsbyprisen-backup-2027-01-15-1330.zip"}')]


def test_a_link_still_works_just_before_it_expires(client, demo_engine, clock):
    link = _link(demo_engine)
    clock["now"] = NOW + backup_links.VALID_FOR - timedelta(seconds=1)

    answer = client.get(link)

    assert (answer.status_code, answer.content[:2]) == (200, b"PK")


def _expired(engine: Engine, clock: dict) -> str:
    link = _link(engine)
    clock["now"] = NOW + backup_links.VALID_FOR
    return link


def _forged(engine: Engine, clock: dict) -> str:
    """The juror's username put into the secretary's signed token."""
    header, _payload, signature = _link(engine).removeprefix(backup_links.ROUTE_PREFIX).split(".")
    juror_token = backup_links.sign(backup_links.BackupGrant(
        username="jury1", session_version=0, expires_at=NOW + timedelta(minutes=5)), cookie_key=KEY)
    return backup_links.path_of(f"{header}.{juror_token.split('.')[1]}.{signature}")


def _other_key(engine: Engine, clock: dict) -> str:
    return _link(engine, key="another-installation-key-0123456789")


def _file_link(engine: Engine, clock: dict) -> str:
    """A genuine file link of this installation, tried as a backup link."""
    grant = FileGrant(storage_key="x", media_type="application/pdf", download_name="a.pdf",
                      expires_at=NOW + timedelta(minutes=30))
    return backup_links.path_of(sign_file_link(grant, cookie_key=KEY))


def _juror(engine: Engine, clock: dict) -> str:
    """A correctly signed token that names a juror (the page never makes one)."""
    juror = _user(engine, "jury1")
    return backup_links.path_of(backup_links.sign(backup_links.grant_for(
        username=juror.username, session_version=juror.session_version, now=NOW), cookie_key=KEY))


def _logged_out(engine: Engine, clock: dict) -> str:
    link = _link(engine)
    with session_scope(engine) as session:
        log_out(session, actor=actor_of(_user(engine, "sekretariat")))
    return link


def _deactivated(engine: Engine, clock: dict) -> str:
    with session_scope(engine) as session:
        second = make_user(session, role=Role.SECRETARIAT, username="sekretariat2", name="Jonas Bak")
    link = _link(engine, "sekretariat2")
    with session_scope(engine) as session:
        set_active(session, actor=Actor.command_line(), user_id=second.id, active=False)
    return link


def _garbage(engine: Engine, clock: dict) -> str:
    return backup_links.path_of("not-a-token")


@pytest.mark.parametrize("made", [_expired, _forged, _other_key, _file_link, _juror, _logged_out, _deactivated,
                                  _garbage], ids=lambda made: made.__name__.strip("_"))
def test_a_link_that_is_not_valid_now_is_refused_with_nothing_sent(client, demo_engine, clock,
                                                                   made: Callable[[Engine, dict], str]):
    link = made(demo_engine, clock)

    answer = client.get(link)

    assert (answer.status_code, answer.text, answer.headers["cache-control"]) == (403, REFUSAL, "no-store")
    assert _audit_actions(demo_engine) == []


def test_the_link_is_made_for_the_secretariat_only(demo_engine):
    juror = _user(demo_engine, "jury1")

    with pytest.raises(NotAllowed) as error:
        backup_link(actor=actor_of(juror), session_version=juror.session_version, cookie_key=KEY, now=NOW)

    assert type(error.value) is NotAllowed
