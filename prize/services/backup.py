"""The secretariat's download of a backup: the link, the permission check (again when the
link is used), and the archive as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.backup import MEDIA_TYPE, backup_filename, stream_backup
from prize.backup_links import BackupGrant, grant_for, path_of, sign
from prize.errors import NotAllowed
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.queries import users as user_queries
from prize.services.audit import record_change
from prize.storage import Storage


@dataclass(frozen=True)
class BackupDownload:
    """What a route streams: ``pieces`` yields the archive a piece at a time, read as it is sent."""

    filename: str
    media_type: str
    pieces: Iterator[bytes]


def require_backup(actor: Actor) -> None:
    """Raise ``NotAllowed`` (or ``PasswordChangeRequired``) unless ``actor`` may download a backup."""
    require(actor, Action.DOWNLOAD_BACKUP, phase=None)


def backup_download(engine: Engine, storage: Storage, *, actor: Actor, now: datetime | None = None) -> BackupDownload:
    """The backup for ``actor`` to download. The permission is checked here, at once: the
    stream itself reads nothing until the route asks for its first piece."""
    require_backup(actor)
    moment = now or datetime.now(UTC)
    return BackupDownload(filename=backup_filename(moment), media_type=MEDIA_TYPE,
                          pieces=stream_backup(engine, storage))


@dataclass(frozen=True)
class BackupLink:
    """The address of a backup download (``/backup/<token>``) and until when it works."""

    path: str
    expires_at: datetime


def backup_link(*, actor: Actor, session_version: int, cookie_key: str, now: datetime | None = None) -> BackupLink:
    """A short-lived link for ``actor`` to download a backup with, tied to the login of
    ``session_version``: it stops working when that login ends."""
    require_backup(actor)
    grant = grant_for(username=actor.username, session_version=session_version, now=now or utcnow())
    return BackupLink(path=path_of(sign(grant, cookie_key=cookie_key)), expires_at=grant.expires_at)


def download_by_link(session: Session, engine: Engine, storage: Storage, *, grant: BackupGrant,
                     now: datetime | None = None) -> BackupDownload:
    """The backup a valid link's holder gets, checked against the database now: the user it
    names is active, still logged in with the session version of the link, and may download
    a backup. Anything else is ``NotAllowed``, the same for every cause. The download is
    audited in ``session``, which the caller commits before the stream is read."""
    user = user_queries.user_by_username(session, grant.username)
    if user is None or not user.active or user.session_version != grant.session_version:
        raise NotAllowed()
    actor = Actor.of(user)
    download = backup_download(engine, storage, actor=actor, now=now)
    record_change(session, actor=actor, action="backup.downloaded", entity="backup", entity_id=None,
                  new={"filename": download.filename})
    return download
