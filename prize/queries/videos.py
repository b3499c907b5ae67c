"""Finalists' presentation videos, and what the public finalists page and its press kit read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from prize.models import Attachment, Finalist, Municipality, Nomination, PrizeYear, Shortlist, Video, VideoKind
from prize.phases import Phase


@dataclass(frozen=True)
class VideoRow:
    """One video as its row holds it; ``filename`` is the display name of an uploaded file."""

    id: int
    nomination_id: int
    kind: VideoKind
    title: str
    description: str
    url: str
    storage_key: str | None
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    published: bool
    published_at: datetime | None
    uploaded_at: datetime


_COLUMNS = (Video.id, Video.nomination_id, Video.kind, Video.title, Video.description, Video.url,
            Video.storage_key, Video.filename, Video.content_type, Video.size_bytes, Video.sha256,
            Video.published, Video.published_at, Video.uploaded_at)
_ORDER = (Video.uploaded_at, Video.id)


def video(session: Session, video_id: int, *, lock: bool = False) -> VideoRow | None:
    statement = select(*_COLUMNS).where(Video.id == video_id)
    if lock:
        statement = statement.with_for_update(of=Video)
    row = session.execute(statement).one_or_none()
    return VideoRow(*row) if row is not None else None


def videos_of(session: Session, nomination_id: int, *, published_only: bool = False) -> list[VideoRow]:
    """The nomination's videos, oldest first."""
    statement = select(*_COLUMNS).where(Video.nomination_id == nomination_id)
    if published_only:
        statement = statement.where(Video.published.is_(True))
    return [VideoRow(*row) for row in session.execute(statement.order_by(*_ORDER))]


def videos_of_year(session: Session, year_id: int, *, published_only: bool) -> list[VideoRow]:
    """The videos of the year's finalists, oldest first."""
    statement = (select(*_COLUMNS).join(Finalist, Finalist.nomination_id == Video.nomination_id)
                 .where(Finalist.year_id == year_id))
    if published_only:
        statement = statement.where(Video.published.is_(True))
    return [VideoRow(*row) for row in session.execute(statement.order_by(*_ORDER))]


def video_row(session: Session, video_id: int) -> Video | None:
    return session.get(Video, video_id)


def delete_video(session: Session, video_id: int) -> None:
    session.execute(delete(Video).where(Video.id == video_id))


def video_with_checksum(session: Session, *, nomination_id: int, sha256: str) -> VideoRow | None:
    row = session.execute(select(*_COLUMNS).where(Video.nomination_id == nomination_id, Video.sha256 == sha256)
                          .limit(1)).one_or_none()
    return VideoRow(*row) if row is not None else None


# --- The finalists ----------------------------------------------------------------------------

@dataclass(frozen=True)
class FinalistReach:
    """What the rule book needs to know about one candidate whose videos are asked about."""

    nomination_id: int
    nominating_body_id: int
    year_id: int
    phase: Phase
    name: str
    finalist: bool


def finalist_reach(session: Session, nomination_id: int, *, lock: bool = False) -> FinalistReach | None:
    """The candidate's facts, None when there is no such nomination; ``lock`` locks its row
    (PostgreSQL), so two changes to its videos follow one another."""
    is_finalist = exists().where(Finalist.nomination_id == Nomination.id, Finalist.year_id == Nomination.year_id)
    statement = (select(Nomination.id, Nomination.nominating_body_id, Nomination.year_id, PrizeYear.phase,
                        Nomination.name, is_finalist)
                 .join(PrizeYear, Nomination.year_id == PrizeYear.id).where(Nomination.id == nomination_id))
    if lock:
        statement = statement.with_for_update(of=Nomination)
    row = session.execute(statement).one_or_none()
    return FinalistReach(*row[:3], Phase(row[3]), row[4], bool(row[5])) if row is not None else None


@dataclass(frozen=True)
class FinalistRow:
    """A finalist as the public sees it: nothing but its name, municipality and summary."""

    nomination_id: int
    position: int
    name: str
    municipality: str
    summary: str


def finalists_of_year(session: Session, year_id: int) -> list[FinalistRow]:
    """The year's finalists in their order."""
    rows = session.execute(
        select(Finalist.nomination_id, Finalist.position, Nomination.name, Municipality.name, Nomination.summary)
        .join(Nomination, Nomination.id == Finalist.nomination_id)
        .join(Municipality, Municipality.id == Nomination.municipality_id)
        .where(Finalist.year_id == year_id).order_by(Finalist.position))
    return [FinalistRow(*row) for row in rows]


@dataclass(frozen=True)
class PublicYearRow:
    id: int
    year: int
    title: str
    phase: Phase
    shortlist_published: bool


def public_year(session: Session, year: int) -> PublicYearRow | None:
    """The prize year ``year`` (e.g. 2020) and whether its shortlist is published; None when there is none."""
    published = exists().where(Shortlist.year_id == PrizeYear.id, Shortlist.published_at.is_not(None))
    row = session.execute(select(PrizeYear.id, PrizeYear.year, PrizeYear.title, PrizeYear.phase, published)
                          .where(PrizeYear.year == year)).one_or_none()
    return PublicYearRow(row[0], row[1], row[2], Phase(row[3]), bool(row[4])) if row is not None else None


def public_year_numbers(session: Session) -> list[int]:
    """The years whose shortlist is published, newest first."""
    return list(session.scalars(
        select(PrizeYear.year).join(Shortlist, Shortlist.year_id == PrizeYear.id)
        .where(Shortlist.published_at.is_not(None)).order_by(PrizeYear.year.desc())))


@dataclass(frozen=True)
class ImageRow:
    nomination_id: int
    storage_key: str
    filename: str
    content_type: str


def first_images(session: Session, nomination_ids: list[int], *, media_types: tuple[str, ...]) -> dict[int, ImageRow]:
    """Each nomination's first image attachment (oldest), by nomination id."""
    rows = session.execute(
        select(Attachment.nomination_id, Attachment.storage_key, Attachment.filename, Attachment.content_type)
        .where(Attachment.nomination_id.in_(nomination_ids), Attachment.content_type.in_(media_types))
        .order_by(Attachment.uploaded_at.desc(), Attachment.id.desc()))
    return {row.nomination_id: ImageRow(*row) for row in rows}  # the oldest is written last
