"""The year's confirmed shortlist: its record, its finalists, and what nominators may learn."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from prize.models import Finalist, Nomination, Shortlist, ShortlistProposal, User

FINALIST_COLUMNS = ["position", "nomination_id", "candidate"]
PROPOSAL_COLUMNS = ["position", "nomination_id", "candidate", "rank", "score", "tied"]


def shortlist_of(session: Session, year_id: int) -> Shortlist | None:
    return session.scalar(select(Shortlist).where(Shortlist.year_id == year_id))


def confirmer_name(session: Session, shortlist: Shortlist) -> str:
    confirmer = aliased(User)
    return session.scalar(select(confirmer.name).where(confirmer.id == shortlist.confirmed_by_id)) or ""


def finalists_frame(session: Session, year_id: int) -> pd.DataFrame:
    """The year's finalists in their order (``FINALIST_COLUMNS``)."""
    rows = session.execute(
        select(Finalist.position, Finalist.nomination_id, Nomination.name)
        .join(Nomination, Nomination.id == Finalist.nomination_id)
        .where(Finalist.year_id == year_id).order_by(Finalist.position)).all()
    return pd.DataFrame(rows, columns=FINALIST_COLUMNS)


def proposal_frame(session: Session, shortlist_id: int) -> pd.DataFrame:
    """The proposal kept with a confirmed shortlist, as computed then (``PROPOSAL_COLUMNS``)."""
    rows = session.execute(
        select(ShortlistProposal.position, ShortlistProposal.nomination_id, Nomination.name,
               ShortlistProposal.rank, ShortlistProposal.score, ShortlistProposal.tied)
        .join(Nomination, Nomination.id == ShortlistProposal.nomination_id)
        .where(ShortlistProposal.shortlist_id == shortlist_id).order_by(ShortlistProposal.position)).all()
    return pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)


def published_finalist_ids(session: Session, year_id: int) -> frozenset[int] | None:
    """The finalists' nomination ids once the shortlist is published; None before."""
    published = session.scalar(select(Shortlist.id).where(Shortlist.year_id == year_id,
                                                          Shortlist.published_at.is_not(None)))
    if published is None:
        return None
    return frozenset(session.scalars(select(Finalist.nomination_id).where(Finalist.year_id == year_id)))
