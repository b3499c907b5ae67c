"""The secretariat's download of a backup: the permission check, and the archive as a stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from prize.actor import Actor
from prize.backup import MEDIA_TYPE, backup_filename, stream_backup
from prize.permissions import Action, require
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
