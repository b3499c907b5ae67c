"""A nomination's material: adding and removing files, listing them, and links to them.

The bytes live in ``prize.storage`` under a key the app makes; the row keeps the
display name, the media type decided from the content, the size and the
checksum. A file and its row stand or fall together: a stored file whose row is
not committed is deleted, and a removed row's file is deleted once the removal
is committed (``prize.db.when_transaction_ends``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.completeness import lost_parts
from prize.db import when_transaction_ends
from prize.errors import DuplicateUpload, MaterialFull, NominationIncomplete, NotFound, UploadTooLarge
from prize.file_links import FileGrant, expiry, path_of, sign
from prize.filetypes import FileType, Kind, display_name, identify, of_media_type
from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.models import Attachment
from prize.models.base import utcnow
from prize.permissions import Action, can, require, role_may
from prize.phases import NominationStatus
from prize.queries import intake
from prize.queries import material as queries
from prize.queries.material import AttachmentRow
from prize.queries.nominations import NominationReach
from prize.services.audit import record_change
from prize.services.reach import require_on_nomination, target_of
from prize.services.scoring import require_juror_view
from prize.settings import Settings
from prize.storage import CHUNK_SIZE, FileTooLarge, Storage

MEGABYTE = 1024 * 1024  # Streamlit's server.maxUploadSize counts MB like this too
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MaterialLimits:
    """The size limits, in MB, from the settings: per document or image, per audio or
    video file, and for one nomination's material in total."""

    document_mb: int
    media_mb: int
    nomination_mb: int

    @classmethod
    def of(cls, settings: Settings) -> MaterialLimits:
        return cls(document_mb=settings.max_document_mb, media_mb=settings.max_media_mb,
                   nomination_mb=settings.max_nomination_mb)

    def file_mb(self, kind: Kind) -> int:
        return self.media_mb if kind.is_media else self.document_mb


@dataclass(frozen=True)
class Material:
    """One file of a nomination's material, as pages show it."""

    id: int
    display_name: str
    kind: Kind
    media_type: str
    size_bytes: int
    uploaded_at: datetime

    @property
    def type_key(self) -> str:
        """The catalog key of the file's type ("PDF-fil", "MP4-video")."""
        found = of_media_type(self.media_type)
        return found.label_key if found else "material.kind.document"

    @property
    def inline(self) -> bool:
        """Whether a browser shows the file (a picture, a PDF, a video) rather than saving it."""
        found = of_media_type(self.media_type)
        return found.inline if found else False

    @classmethod
    def of(cls, row: AttachmentRow) -> Material:
        found = of_media_type(row.content_type)
        return cls(id=row.id, display_name=row.filename, kind=found.kind if found else Kind.DOCUMENT,
                   media_type=row.content_type, size_bytes=row.size_bytes, uploaded_at=row.uploaded_at)


def megabytes(size_bytes: int) -> int:
    """A size in whole MB, rounded up: a file just over 25 MB reads "26 MB", never "25 MB"."""
    return math.ceil(size_bytes / MEGABYTE)


# --- Adding and removing --------------------------------------------------------------------

def add_attachment(session: Session, *, actor: Actor, storage: Storage, nomination_id: int, filename: str,
                   stream: BinaryIO, limits: MaterialLimits, now: datetime | None = None) -> Material:
    """Store what is left to read in ``stream`` (seekable) as material of the nomination.

    Refused before anything is stored: the rule book's refusal, content of no accepted
    type or a name that names another type, a file over its kind's limit or over what
    is left of the nomination's total, and a file the nomination already has. The
    file is stored under a new key and deleted again unless the transaction commits."""
    reach = require_on_nomination(session, actor=actor, action=Action.EDIT_NOMINATION,
                                  nomination_id=nomination_id, now=now, lock=True)
    name = display_name(filename, fallback=t_plain("material.unnamed", DEFAULT_LOCALE))
    found = identify(stream, name=name)
    size = _remaining_size(stream)
    room = _room_for(session, nomination_id=nomination_id, name=name, found=found, size=size, limits=limits)
    _refuse_duplicate(session, nomination_id=nomination_id, name=name, sha256=_sha256(stream))
    try:
        stored = storage.put(stream, max_bytes=room)
    except FileTooLarge:  # the stream grew after it was measured
        raise MaterialFull(name=name, size=megabytes(size), limit=limits.nomination_mb,
                           used=megabytes(queries.material_bytes(session, nomination_id))) from None
    when_transaction_ends(session, rolled_back=lambda: _delete_quietly(storage, stored.key))
    row = Attachment(nomination_id=nomination_id, filename=name, content_type=found.media_type,
                     size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key, uploaded_by_id=actor.id)
    session.add(row)
    session.flush()
    added = queries.attachment(session, row.id)
    _audit(session, actor=actor, reach=reach, action="nomination.attachment_added", new=_audited(added))
    return Material.of(added)


def remove_attachment(session: Session, *, actor: Actor, storage: Storage, attachment_id: int,
                      now: datetime | None = None) -> Material:
    """Remove the attachment; its file is deleted once the removal is committed. A
    submitted nomination keeps at least one piece of material, as ``update_field``
    keeps its other required parts."""
    row = _attachment_or_refusal(session, actor=actor, attachment_id=attachment_id)
    reach = require_on_nomination(session, actor=actor, action=Action.EDIT_NOMINATION,
                                  nomination_id=row.nomination_id, now=now, lock=True)
    if reach.status != NominationStatus.DRAFT:
        _require_stays_complete(session, nomination_id=row.nomination_id)
    queries.delete_attachment(session, row.id)
    _audit(session, actor=actor, reach=reach, action="nomination.attachment_removed", old=_audited(row))
    delete_files_once_committed(session, storage=storage, keys=[row.storage_key])
    return Material.of(row)


def delete_files_once_committed(session: Session, *, storage: Storage, keys: list[str]) -> None:
    """Delete the stored files of rows this transaction deletes, once it has committed:
    rolled back, the rows are back and so must their files be."""
    when_transaction_ends(session, committed=lambda: [_delete_quietly(storage, key) for key in keys])


def _require_stays_complete(session: Session, *, nomination_id: int) -> None:
    before = intake.contents(session, [nomination_id])[nomination_id]
    lost = lost_parts(before, dataclasses.replace(before, attachment_count=before.attachment_count - 1))
    if lost:
        raise NominationIncomplete("errors.form.must_stay_complete", missing=tuple(lost))


def _room_for(session: Session, *, nomination_id: int, name: str, found: FileType, size: int,
              limits: MaterialLimits) -> int:
    """The most bytes the file may have: its kind's limit, or what is left of the nomination's total."""
    limit_mb = limits.file_mb(found.kind)
    if size > limit_mb * MEGABYTE:
        key = "material.error.too_large_media" if found.kind.is_media else "material.error.too_large_document"
        raise UploadTooLarge(key, name=name, size=megabytes(size), limit=limit_mb)
    used = queries.material_bytes(session, nomination_id)
    left = limits.nomination_mb * MEGABYTE - used
    if size > left:
        raise MaterialFull(name=name, size=megabytes(size), limit=limits.nomination_mb, used=megabytes(used))
    return min(limit_mb * MEGABYTE, left)


def _refuse_duplicate(session: Session, *, nomination_id: int, name: str, sha256: str) -> None:
    existing = queries.attachment_with_checksum(session, nomination_id=nomination_id, sha256=sha256)
    if existing is not None:
        raise DuplicateUpload(name=name, existing=existing.filename)


def _remaining_size(stream: BinaryIO) -> int:
    start = stream.tell()
    end = stream.seek(0, 2)
    stream.seek(start)
    return end - start


def _sha256(stream: BinaryIO) -> str:
    """The checksum of what is left to read in ``stream``, read in chunks; the stream is left where it was."""
    start = stream.tell()
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK_SIZE):
        digest.update(chunk)
    stream.seek(start)
    return digest.hexdigest()


def _delete_quietly(storage: Storage, key: str) -> None:
    """Called after the transaction ended: a failure here must not hide how it ended."""
    try:
        storage.delete(key)
    except Exception:  # noqa: BLE001 - a stray file is logged, not raised into a commit
        _log.exception("Could not delete the stored file %s", key)


def _audit(session: Session, *, actor: Actor, reach: NominationReach, action: str,
           old: dict | None = None, new: dict | None = None) -> None:
    """Every material change goes into the audit log, a draft's as well as a submitted nomination's."""
    record_change(session, actor=actor, action=action, entity="nomination", entity_id=reach.nomination_id,
                  old=old, new=new)


def _audited(row: AttachmentRow) -> dict:
    return {"attachment_id": row.id, "filename": row.filename, "content_type": row.content_type,
            "size_bytes": row.size_bytes, "sha256": row.sha256}


# --- Seeing the material --------------------------------------------------------------------

def material_of(session: Session, *, actor: Actor, nomination_id: int, now: datetime | None = None,
                ) -> tuple[Material, ...]:
    """The nomination's material, oldest first."""
    _require_view_material(session, actor=actor, nomination_id=nomination_id, now=now)
    return tuple(Material.of(row) for row in queries.attachments_of(session, nomination_id))


def may_change_material(session: Session, *, actor: Actor, nomination_id: int, now: datetime | None = None) -> bool:
    """Whether ``actor``, who may see the nomination, may add and remove its material
    now: a page shows the uploader only then (the service checks again on upload)."""
    reach = _require_view_material(session, actor=actor, nomination_id=nomination_id, now=now)
    return can(actor, Action.EDIT_NOMINATION, phase=reach.phase, target=target_of(reach, now=now or utcnow()))


def file_link(session: Session, *, actor: Actor, attachment_id: int, settings: Settings,
              now: datetime | None = None) -> str:
    """A signed link (``/files/<token>``) to one attachment, valid for ``file_link_minutes``."""
    row = _attachment_or_refusal(session, actor=actor, attachment_id=attachment_id)
    _require_view_material(session, actor=actor, nomination_id=row.nomination_id, now=now)
    return _signed_path(row, settings=settings, now=now or utcnow())


def file_links(session: Session, *, actor: Actor, nomination_id: int, settings: Settings,
               now: datetime | None = None) -> dict[int, str]:
    """Signed links to every attachment of the nomination, by attachment id, after one check."""
    _require_view_material(session, actor=actor, nomination_id=nomination_id, now=now)
    moment = now or utcnow()
    return {row.id: _signed_path(row, settings=settings, now=moment)
            for row in queries.attachments_of(session, nomination_id)}


def _require_view_material(session: Session, *, actor: Actor, nomination_id: int,
                           now: datetime | None) -> NominationReach:
    """Who may see a nomination's material and have links to it: whoever may see the
    nomination, and a juror while the candidate is in the round the year shows and
    they have no conflict of interest with it. Granted here, and only here, so that
    ``material_of``, ``file_link`` and ``file_links`` follow together."""
    if not role_may(actor.role, Action.VIEW_NOMINATION):  # a juror: the candidates rule decides
        return require_juror_view(session, actor=actor, nomination_id=nomination_id)
    return require_on_nomination(session, actor=actor, action=Action.VIEW_NOMINATION,
                                 nomination_id=nomination_id, now=now)


def _attachment_or_refusal(session: Session, *, actor: Actor, attachment_id: int) -> AttachmentRow:
    """The attachment; an unknown id is refused as ``require_on_nomination`` refuses an
    unknown nomination (``NotFound`` only to those who may see every nomination)."""
    row = queries.attachment(session, attachment_id)
    if row is None:
        require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
        raise NotFound()
    return row


def _signed_path(row: AttachmentRow, *, settings: Settings, now: datetime) -> str:
    grant = FileGrant(storage_key=row.storage_key, media_type=row.content_type, download_name=row.filename,
                      expires_at=expiry(now, minutes=settings.file_link_minutes))
    return path_of(sign(grant, cookie_key=settings.cookie_key))
