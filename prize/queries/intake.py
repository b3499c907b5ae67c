"""The statements of the nominating side: a body's nominations in a year, a
nomination's content and material, its village contacts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.completeness import NominationContent
from prize.models import (Attachment, CandidateVillage, NominatingBody, Nomination, NominationAnswer, SdgGoal,
                          User)
from prize.phases import NominationStatus
from prize.roles import Role


def lock_body(session: Session, body_id: int | None) -> NominatingBody | None:
    """The body, its row locked until the transaction ends: two nominations of one
    body created at once are counted one after the other. (SQLite: ``BEGIN IMMEDIATE``.)"""
    if body_id is None:
        return None
    return session.scalar(select(NominatingBody).where(NominatingBody.id == body_id).with_for_update())


def counted_nominations(session: Session, *, body_id: int, year_id: int) -> int:
    """The body's nominations of the year that count against its limit: all but the withdrawn."""
    return session.scalar(select(func.count()).select_from(Nomination).where(
        Nomination.nominating_body_id == body_id, Nomination.year_id == year_id,
        Nomination.status != NominationStatus.WITHDRAWN))


def name_taken(session: Session, *, year_id: int, name: str, other_than: int | None = None) -> bool:
    statement = select(Nomination.id).where(Nomination.year_id == year_id, Nomination.name == name)
    if other_than is not None:
        statement = statement.where(Nomination.id != other_than)
    return session.scalars(statement).first() is not None


def goals_numbered(session: Session, numbers: tuple[int, ...]) -> list[SdgGoal]:
    return list(session.scalars(select(SdgGoal).where(SdgGoal.number.in_(numbers)).order_by(SdgGoal.number)))


def goal_names(session: Session) -> dict[int, tuple[str, str]]:
    """Each goal's Danish and English name by its number."""
    rows = session.execute(select(SdgGoal.number, SdgGoal.name_da, SdgGoal.name_en).order_by(SdgGoal.number))
    return {number: (name_da, name_en) for number, name_da, name_en in rows}


@dataclass(frozen=True)
class MaterialFile:
    """One stored file of a nomination's material, as a list shows it."""

    filename: str
    size_bytes: int
    sha256: str


def material_files(session: Session, nomination_id: int) -> list[MaterialFile]:
    rows = session.execute(select(Attachment.filename, Attachment.size_bytes, Attachment.sha256)
                           .where(Attachment.nomination_id == nomination_id)
                           .order_by(Attachment.uploaded_at, Attachment.id))
    return [MaterialFile(*row) for row in rows]


def attachment_counts(session: Session, nomination_ids: list[int]) -> dict[int, int]:
    if not nomination_ids:
        return {}
    rows = session.execute(select(Attachment.nomination_id, func.count())
                           .where(Attachment.nomination_id.in_(nomination_ids))
                           .group_by(Attachment.nomination_id))
    return dict(rows.tuples().all())


def storage_keys(session: Session, nomination_id: int) -> list[str]:
    return list(session.scalars(select(Attachment.storage_key).where(Attachment.nomination_id == nomination_id)))


def village_contacts(session: Session, nomination_id: int) -> list[User]:
    """The village contacts of the nomination, active or not, oldest first."""
    return list(session.scalars(select(User).where(User.role == Role.VILLAGE, User.nomination_id == nomination_id)
                                .order_by(User.id)))


def contents(session: Session, nomination_ids: list[int]) -> dict[int, NominationContent]:
    """What completeness asks of each nomination, in four statements whatever their number."""
    if not nomination_ids:
        return {}
    rows = session.execute(select(Nomination.id, Nomination.name, Nomination.municipality_id,
                                  Nomination.contact_name, Nomination.contact_email, Nomination.summary,
                                  Nomination.video_url).where(Nomination.id.in_(nomination_ids))).all()
    villages: dict[int, list[str]] = {}
    for nomination_id, name in session.execute(
            select(CandidateVillage.nomination_id, CandidateVillage.name)
            .where(CandidateVillage.nomination_id.in_(nomination_ids))
            .order_by(CandidateVillage.nomination_id, CandidateVillage.position)):
        villages.setdefault(nomination_id, []).append(name)
    answers: dict[int, dict[str, str]] = {}
    for nomination_id, question, text in session.execute(
            select(NominationAnswer.nomination_id, NominationAnswer.question, NominationAnswer.text)
            .where(NominationAnswer.nomination_id.in_(nomination_ids))):
        answers.setdefault(nomination_id, {})[question] = text
    counts = attachment_counts(session, nomination_ids)
    return {row.id: NominationContent(
        name=row.name, villages=tuple(villages.get(row.id, ())), municipality_id=row.municipality_id,
        contact_name=row.contact_name, contact_email=row.contact_email, summary=row.summary,
        answers=answers.get(row.id, {}), video_url=row.video_url, attachment_count=counts.get(row.id, 0))
        for row in rows}

