"""A finalist's presentation videos: the secretariat attaches uploaded files (mp4, webm)
and links (YouTube, Vimeo, any https address), describes, publishes and removes them;
the secretariat, the jury and the finalist's own people watch them; the public
finalists page shows the published ones.

An uploaded video is stored like material (``prize.storage``, the size limit for
audio and video from the settings) and plays through a signed link to the file
route (``/files/<token>``), which streams it in pieces and answers ranges: the
server never holds a video in memory. A file and its row stand or fall together.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import when_transaction_ends
from prize.errors import InvalidUpload, NotFound, PrizeError, UploadTooLarge, VideoRefused
from prize.file_links import FileGrant, expiry, path_of, sign
from prize.filetypes import JPEG, MP4, PNG, WEBM, display_name, identify, of_media_type
from prize.i18n import DEFAULT_LOCALE, t_plain
from prize.models import Video, VideoKind
from prize.models.base import utcnow
from prize.models.outcome import VIDEO_DESCRIPTION_MAX, VIDEO_TITLE_MAX
from prize.permissions import Action, FinalistTarget, can, require
from prize.queries import conflicts as conflict_queries
from prize.queries import videos as queries
from prize.queries.videos import FinalistReach, VideoRow
from prize.services.audit import record_change
from prize.services.material import MEGABYTE, MaterialLimits, megabytes
from prize.services.years import YearInfo
from prize.settings import Settings
from prize.storage import FileTooLarge, Storage
from prize.validation import clean_text
from prize.video_links import Platform, parse_video_link

# The file types a presentation video may have: what every browser plays in a <video> element.
VIDEO_TYPES = (MP4, WEBM)
VIDEO_MEDIA_TYPES = tuple(accepted.media_type for accepted in VIDEO_TYPES)
VIDEO_EXTENSIONS = tuple(extension for accepted in VIDEO_TYPES for extension in accepted.extensions)
# The pictures a press kit takes: what every newsroom opens.
PRESS_IMAGE_TYPES = (JPEG, PNG)
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VideoView:
    """One video as pages show it. A file has ``file_url`` (a signed ``/files/<token>`` path,
    "" where no link was asked for), a link has ``url``, its ``platform`` and, for YouTube
    and Vimeo, the ``embed_url`` of the platform's player."""

    id: int
    nomination_id: int
    kind: VideoKind
    title: str
    description: str
    published: bool
    published_at: datetime | None
    uploaded_at: datetime
    url: str = ""
    platform: Platform | None = None
    embed_url: str = ""
    file_url: str = ""
    filename: str = ""
    media_type: str = ""
    size_bytes: int = 0

    @classmethod
    def of(cls, row: VideoRow, *, file_url: str = "") -> VideoView:
        link = parse_video_link(row.url) if row.kind == VideoKind.LINK else None
        return cls(id=row.id, nomination_id=row.nomination_id, kind=VideoKind(row.kind), title=row.title,
                   description=row.description, published=row.published, published_at=row.published_at,
                   uploaded_at=row.uploaded_at, url=row.url, platform=link.platform if link else None,
                   embed_url=link.embed_url if link else "", file_url=file_url, filename=row.filename,
                   media_type=row.content_type, size_bytes=row.size_bytes)


@dataclass(frozen=True)
class FinalistVideos:
    """A finalist with its videos, oldest first."""

    nomination_id: int
    position: int
    name: str
    municipality: str
    videos: tuple[VideoView, ...]


# --- Attaching ------------------------------------------------------------------------------

def add_video_file(session: Session, *, actor: Actor, storage: Storage, nomination_id: int, filename: str,
                   stream: BinaryIO | None, title: str, description: str = "", published: bool = False,
                   limits: MaterialLimits) -> VideoView:
    """Store what is left to read in ``stream`` (seekable) as a video of the finalist.

    Refused before anything is stored: a candidate that is no finalist, a missing or too
    long title, content that is no mp4 or webm video (whatever its name), and a file
    over the settings' limit for audio and video. The file is deleted again unless the
    transaction commits."""
    reach = _require(session, actor=actor, action=Action.MANAGE_VIDEOS, nomination_id=nomination_id, lock=True)
    texts = _texts(title=title, description=description)
    if stream is None:
        raise InvalidUpload("videos.error.file_missing")
    name = display_name(filename, fallback=t_plain("videos.unnamed", DEFAULT_LOCALE))
    found = identify(stream, name=name)
    if found not in VIDEO_TYPES:
        raise InvalidUpload("videos.error.not_a_video", name=name)
    limit = limits.media_mb * MEGABYTE
    size = _remaining_size(stream)
    if size > limit:
        raise UploadTooLarge("videos.error.too_large", name=name, size=megabytes(size), limit=limits.media_mb)
    try:
        stored = storage.put(stream, max_bytes=limit)
    except FileTooLarge:  # the stream grew after it was measured
        raise UploadTooLarge("videos.error.too_large", name=name, size=megabytes(size + 1),
                             limit=limits.media_mb) from None
    when_transaction_ends(session, rolled_back=lambda: _delete_quietly(storage, stored.key))
    row = Video(nomination_id=reach.nomination_id, kind=VideoKind.FILE, storage_key=stored.key, filename=name,
                content_type=found.media_type, size_bytes=stored.size, sha256=stored.sha256,
                uploaded_by_id=actor.id, **texts, **_publication(published))
    return _added(session, actor=actor, row=row)


def add_video_link(session: Session, *, actor: Actor, nomination_id: int, url: str, title: str,
                   description: str = "", published: bool = False) -> VideoView:
    """A link to the finalist's video on YouTube, Vimeo or any https address. Refused: a
    candidate that is no finalist, a missing title, and a link that is not http(s), is a
    script (``javascript:``), points to a local or private address or has a user name in it."""
    reach = _require(session, actor=actor, action=Action.MANAGE_VIDEOS, nomination_id=nomination_id, lock=True)
    texts = _texts(title=title, description=description)
    link = parse_video_link(url)
    row = Video(nomination_id=reach.nomination_id, kind=VideoKind.LINK, url=link.url, uploaded_by_id=actor.id,
                **texts, **_publication(published))
    return _added(session, actor=actor, row=row)


def _added(session: Session, *, actor: Actor, row: Video) -> VideoView:
    session.add(row)
    session.flush()
    added = queries.video(session, row.id)
    record_change(session, actor=actor, action="video.added", entity="video", entity_id=added.id,
                  new=_audited(added))
    return VideoView.of(added)


def _texts(*, title: str, description: str) -> dict[str, str]:
    return {"title": clean_text(title, field="videos.field.title", max_length=VIDEO_TITLE_MAX, required=True),
            "description": clean_text(description, field="videos.field.description",
                                      max_length=VIDEO_DESCRIPTION_MAX, multiline=True)}


def _publication(published: bool) -> dict[str, object]:
    return {"published": bool(published), "published_at": utcnow() if published else None}


# --- Changing and removing ------------------------------------------------------------------

def edit_video(session: Session, *, actor: Actor, video_id: int, title: str, description: str) -> VideoView:
    """Change the video's title and description; audited with the old and new texts."""
    found = _video_for_change(session, actor=actor, video_id=video_id)
    texts = _texts(title=title, description=description)
    old = {"title": found.title, "description": found.description}
    if texts != old:
        row = queries.video_row(session, video_id)
        row.title, row.description, row.updated_at = texts["title"], texts["description"], utcnow()
        session.flush()
        record_change(session, actor=actor, action="video.changed", entity="video", entity_id=video_id,
                      old=old, new=texts)
    return VideoView.of(queries.video(session, video_id))


def set_video_published(session: Session, *, actor: Actor, video_id: int, published: bool) -> VideoView:
    """Publish the video on the public finalists page, or take it off again."""
    found = _video_for_change(session, actor=actor, video_id=video_id)
    if found.published != bool(published):
        row = queries.video_row(session, video_id)
        row.published, row.published_at = bool(published), utcnow() if published else None
        row.updated_at = utcnow()
        session.flush()
        record_change(session, actor=actor, action="video.published" if published else "video.unpublished",
                      entity="video", entity_id=video_id, old=found.published, new=bool(published))
    return VideoView.of(queries.video(session, video_id))


def remove_video(session: Session, *, actor: Actor, storage: Storage, video_id: int) -> VideoView:
    """Remove the video; an uploaded file is deleted once the removal is committed."""
    found = _video_for_change(session, actor=actor, video_id=video_id)
    queries.delete_video(session, video_id)
    record_change(session, actor=actor, action="video.removed", entity="video", entity_id=video_id,
                  old=_audited(found))
    if found.storage_key:
        when_transaction_ends(session, committed=lambda: _delete_quietly(storage, found.storage_key))
    return VideoView.of(found)


def _video_for_change(session: Session, *, actor: Actor, video_id: int) -> VideoRow:
    """The video once ``actor`` may manage its finalist's videos; an unknown id is ``VideoRefused``."""
    found = queries.video(session, video_id)
    if found is None:
        require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
        raise VideoRefused("videos.error.gone")
    _require(session, actor=actor, action=Action.MANAGE_VIDEOS, nomination_id=found.nomination_id, lock=True)
    return queries.video(session, video_id, lock=True)


def _audited(row: VideoRow) -> dict:
    shown = {"nomination_id": row.nomination_id, "kind": VideoKind(row.kind).value, "title": row.title,
             "description": row.description, "published": row.published}
    if row.kind == VideoKind.LINK:
        return shown | {"url": row.url}
    return shown | {"filename": row.filename, "content_type": row.content_type, "size_bytes": row.size_bytes,
                    "sha256": row.sha256}


# --- Who may do what ------------------------------------------------------------------------

def _require(session: Session, *, actor: Actor, action: Action, nomination_id: int,
             lock: bool = False) -> FinalistReach:
    """The candidate's facts once ``actor`` may do ``action`` to its videos; else the rule
    book's refusal. An unknown nomination looks like one out of reach, as elsewhere."""
    reach = queries.finalist_reach(session, nomination_id, lock=lock)
    if reach is None:
        require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
        raise NotFound()
    require(actor, action, phase=reach.phase, target=_target(session, actor=actor, reach=reach))
    return reach


def _target(session: Session, *, actor: Actor, reach: FinalistReach) -> FinalistTarget:
    conflicted = actor.id is not None and conflict_queries.is_conflicted(
        session, juror_id=actor.id, nomination_id=reach.nomination_id)
    return FinalistTarget(nomination_id=reach.nomination_id, nominating_body_id=reach.nominating_body_id,
                          finalist=reach.finalist, conflicted=conflicted)


def may_watch_videos(session: Session, *, actor: Actor, nomination_id: int) -> bool:
    """Whether ``actor`` may watch the candidate's videos now: a page shows its video section only then."""
    reach = queries.finalist_reach(session, nomination_id)
    return reach is not None and can(actor, Action.WATCH_VIDEOS, phase=reach.phase,
                                     target=_target(session, actor=actor, reach=reach))


def videos_refusal(*, actor: Actor, year: YearInfo) -> PrizeError | None:
    """Why ``actor`` may not manage the year's videos now (the phase), or None."""
    try:
        require(actor, Action.MANAGE_VIDEOS, phase=year.phase,
                target=FinalistTarget(nomination_id=0, nominating_body_id=0, finalist=True))
    except PrizeError as refusal:
        return refusal
    return None


# --- Watching -------------------------------------------------------------------------------

def watchable_videos(session: Session, *, actor: Actor, nomination_id: int, settings: Settings,
                     now: datetime | None = None) -> tuple[VideoView, ...]:
    """The finalist's videos, published or not, each file with a signed link to play it."""
    _require(session, actor=actor, action=Action.WATCH_VIDEOS, nomination_id=nomination_id)
    moment = now or utcnow()
    return tuple(_view(row, settings=settings, now=moment) for row in queries.videos_of(session, nomination_id))


def finalists_with_videos(session: Session, *, actor: Actor, year: YearInfo, settings: Settings,
                          now: datetime | None = None) -> tuple[FinalistVideos, ...]:
    """The year's finalists in their order, each with all its videos: the secretariat's overview."""
    require(actor, Action.MANAGE_VIDEOS, phase=year.phase,
            target=FinalistTarget(nomination_id=0, nominating_body_id=0, finalist=True))
    return _finalists(session, year_id=year.id, settings=settings, now=now or utcnow(), published_only=False)


def _finalists(session: Session, *, year_id: int, settings: Settings, now: datetime,
               published_only: bool) -> tuple[FinalistVideos, ...]:
    videos: dict[int, list[VideoView]] = {}
    for row in queries.videos_of_year(session, year_id, published_only=published_only):
        videos.setdefault(row.nomination_id, []).append(_view(row, settings=settings, now=now))
    return tuple(FinalistVideos(nomination_id=finalist.nomination_id, position=finalist.position,
                                name=finalist.name, municipality=finalist.municipality,
                                videos=tuple(videos.get(finalist.nomination_id, ())))
                 for finalist in queries.finalists_of_year(session, year_id))


def _view(row: VideoRow, *, settings: Settings, now: datetime) -> VideoView:
    if row.kind != VideoKind.FILE or not row.storage_key:
        return VideoView.of(row)
    return VideoView.of(row, file_url=_signed_path(row, settings=settings, now=now))


def _signed_path(row: VideoRow, *, settings: Settings, now: datetime) -> str:
    grant = FileGrant(storage_key=row.storage_key, media_type=row.content_type, download_name=row.filename,
                      expires_at=expiry(now, minutes=settings.file_link_minutes))
    return path_of(sign(grant, cookie_key=settings.cookie_key))


# --- The public finalists page --------------------------------------------------------------

@dataclass(frozen=True)
class PublicFinalist:
    """What the public may know of a finalist: its name, municipality, summary and published videos."""

    nomination_id: int
    position: int
    name: str
    municipality: str
    summary: str
    videos: tuple[VideoView, ...]


@dataclass(frozen=True)
class PublicYear:
    year: int
    title: str
    finalists: tuple[PublicFinalist, ...]




def public_finalists(session: Session, *, year: int, settings: Settings,
                     now: datetime | None = None) -> PublicYear | None:
    """The published finalists of prize year ``year`` (e.g. 2020) with their published videos;
    None while the year has no published shortlist. Nothing else: no scores, no contact data,
    no unpublished video."""
    found = queries.public_year(session, year)
    if found is None or not found.shortlist_published:
        return None
    moment = now or utcnow()
    summaries = {row.nomination_id: row.summary for row in queries.finalists_of_year(session, found.id)}
    finalists = _finalists(session, year_id=found.id, settings=settings, now=moment, published_only=True)
    return PublicYear(year=found.year, title=found.title, finalists=tuple(
        PublicFinalist(nomination_id=each.nomination_id, position=each.position, name=each.name,
                       municipality=each.municipality, summary=summaries[each.nomination_id], videos=each.videos)
        for each in finalists))


@dataclass(frozen=True)
class PressImage:
    """The one picture of a finalist in the press kit: its first image attachment."""

    storage_key: str
    filename: str
    extension: str


@dataclass(frozen=True)
class PressKit:
    """What the press kit holds: the public finalists (their published videos with links that
    need no login: a platform's address, or the public page for an uploaded file) and one
    picture per finalist, by nomination id."""

    public: PublicYear
    images: dict[int, PressImage]


def press_kit(session: Session, *, year: int, settings: Settings) -> PressKit | None:
    """The press kit of prize year ``year``; None while the year has no published shortlist."""
    public = public_finalists(session, year=year, settings=settings)
    if public is None:
        return None
    found = queries.first_images(session, [each.nomination_id for each in public.finalists],
                                 media_types=tuple(accepted.media_type for accepted in PRESS_IMAGE_TYPES))
    images = {nomination_id: PressImage(storage_key=row.storage_key, filename=row.filename,
                                        extension=of_media_type(row.content_type).extensions[0])
              for nomination_id, row in found.items()}
    return PressKit(public=public, images=images)


def public_years(session: Session) -> tuple[int, ...]:
    """The years with a public finalists page, newest first."""
    return tuple(queries.public_year_numbers(session))


def _remaining_size(stream: BinaryIO) -> int:
    start = stream.tell()
    end = stream.seek(0, 2)
    stream.seek(start)
    return end - start


def _delete_quietly(storage: Storage, key: str) -> None:
    """Called after the transaction ended: a failure here must not hide how it ended."""
    try:
        storage.delete(key)
    except Exception:  # noqa: BLE001 - a stray file is logged, not raised into a commit
        _log.exception("Could not delete the stored video %s", key)
