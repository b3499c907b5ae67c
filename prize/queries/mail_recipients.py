"""Who an e-mail goes to: users by address, a body's nominators, the year's
nominations, finalists and candidates with their contacts."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import Finalist, Nomination, User
from prize.phases import NominationStatus
from prize.roles import Role


def active_users_with_email(session: Session, email: str) -> list[User]:
    """The active users whose address is ``email`` (any case), by username."""
    return list(session.scalars(select(User).where(User.active.is_(True), User.email != "",
                                                   func.lower(User.email) == email.strip().lower())
                                .order_by(User.username)))


def users_by_id(session: Session, user_ids: list[int]) -> dict[int, User]:
    return {user.id: user for user in session.scalars(select(User).where(User.id.in_(user_ids)))}


def active_nominators(session: Session, body_ids: set[int]) -> list[User]:
    """The active nominators of ``body_ids`` that have an address, by username."""
    return list(session.scalars(select(User).where(
        User.role == Role.NOMINATOR, User.active.is_(True), User.email != "",
        User.nominating_body_id.in_(body_ids)).order_by(User.username)))


def submitted_nominations(session: Session, year_id: int) -> list[Nomination]:
    """The year's nominations that were submitted (every status but draft), by id."""
    return list(session.scalars(select(Nomination).where(
        Nomination.year_id == year_id, Nomination.status != NominationStatus.DRAFT).order_by(Nomination.id)))


def eligible_nominations(session: Session, year_id: int) -> list[Nomination]:
    """The year's candidates: its eligible nominations, by id."""
    return list(session.scalars(select(Nomination).where(
        Nomination.year_id == year_id, Nomination.status == NominationStatus.ELIGIBLE).order_by(Nomination.id)))


def finalist_ids(session: Session, year_id: int) -> list[int]:
    """The nomination ids on the year's shortlist, in the shortlist's order."""
    return list(session.scalars(select(Finalist.nomination_id).where(Finalist.year_id == year_id)
                                .order_by(Finalist.position, Finalist.id)))


def village_contacts_with_email(session: Session, nomination_id: int) -> list[User]:
    return list(session.scalars(select(User).where(
        User.role == Role.VILLAGE, User.active.is_(True), User.email != "",
        User.nomination_id == nomination_id).order_by(User.username)))
