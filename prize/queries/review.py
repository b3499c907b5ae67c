"""The statements behind the secretariat's list of a year's nominations. Each one
reads the whole year at once (attachments summed with GROUP BY, villages and
answers in one statement each), so the list costs the same number of
statements at 13 nominations as at 1,000."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from prize.eligibility import PastWinner
from prize.models import (Attachment, CandidateVillage, CouncilDecision, Municipality, NominatingBody, Nomination,
                          NominationAnswer, PrizeYear)
from prize.phases import NominationStatus

REVIEW_COLUMNS = ["id", "name", "kind", "municipality_id", "municipality_code", "municipality",
                  "nominating_body_id", "nominating_body", "body_limit", "contact_name", "contact_email", "summary",
                  "video_url", "status", "submitted_at", "eligibility_reason", "reopened_until", "attachments",
                  "attachment_bytes"]


def review_rows(session: Session, *, year_id: int) -> pd.DataFrame:
    """One row per nomination of the year with its municipality, body and the
    count and total size of its attachments, in one statement."""
    files = (select(Attachment.nomination_id, func.count(Attachment.id).label("attachments"),
                    func.sum(Attachment.size_bytes).label("attachment_bytes"))
             .join(Nomination, Attachment.nomination_id == Nomination.id)
             .where(Nomination.year_id == year_id)
             .group_by(Attachment.nomination_id)
             .subquery())
    statement = (
        select(Nomination.id, Nomination.name, Nomination.kind, Nomination.municipality_id,
               Municipality.code.label("municipality_code"), Municipality.name.label("municipality"),
               Nomination.nominating_body_id, NominatingBody.name.label("nominating_body"),
               NominatingBody.nomination_limit.label("body_limit"), Nomination.contact_name,
               Nomination.contact_email, Nomination.summary, Nomination.video_url, Nomination.status,
               Nomination.submitted_at, Nomination.eligibility_reason, Nomination.reopened_until,
               func.coalesce(files.c.attachments, 0).label("attachments"),
               func.coalesce(files.c.attachment_bytes, 0).label("attachment_bytes"))
        .join(Municipality, Nomination.municipality_id == Municipality.id)
        .join(NominatingBody, Nomination.nominating_body_id == NominatingBody.id)
        .outerjoin(files, files.c.nomination_id == Nomination.id)
        .where(Nomination.year_id == year_id)
        .order_by(Nomination.id))
    return pd.DataFrame(session.execute(statement).mappings().all(), columns=REVIEW_COLUMNS)


def villages_of_year(session: Session, *, year_id: int) -> dict[int, tuple[str, ...]]:
    """The villages of each of the year's nominations, in the candidate's order."""
    rows = session.execute(select(CandidateVillage.nomination_id, CandidateVillage.name)
                           .join(Nomination, CandidateVillage.nomination_id == Nomination.id)
                           .where(Nomination.year_id == year_id)
                           .order_by(CandidateVillage.nomination_id, CandidateVillage.position))
    villages: dict[int, list[str]] = {}
    for nomination_id, name in rows:
        villages.setdefault(nomination_id, []).append(name)
    return {nomination_id: tuple(names) for nomination_id, names in villages.items()}


def answered_questions(session: Session, *, year_id: int) -> dict[int, frozenset[str]]:
    """The guiding questions each of the year's nominations has a written answer
    to; the texts themselves stay in the database."""
    rows = session.execute(select(NominationAnswer.nomination_id, NominationAnswer.question)
                           .join(Nomination, NominationAnswer.nomination_id == Nomination.id)
                           .where(Nomination.year_id == year_id, func.trim(NominationAnswer.text) != ""))
    answered: dict[int, set[str]] = {}
    for nomination_id, question in rows:
        answered.setdefault(nomination_id, set()).add(question)
    return {nomination_id: frozenset(questions) for nomination_id, questions in answered.items()}


def body_nomination_counts(session: Session, *, year_id: int) -> dict[int, int]:
    """Per nominating body, its nominations of the year that are not withdrawn."""
    rows = session.execute(select(Nomination.nominating_body_id, func.count(Nomination.id))
                           .where(Nomination.year_id == year_id, Nomination.status != NominationStatus.WITHDRAWN)
                           .group_by(Nomination.nominating_body_id))
    return dict(rows.tuples().all())


def past_winners(session: Session, *, years: range) -> list[PastWinner]:
    """The winners of ``years``, with their villages, in one statement: those the council
    chose among a year's finalists and those the secretariat entered by hand."""
    rows = session.execute(
        select(PrizeYear.year, CouncilDecision.id, Nomination.name, CouncilDecision.winner_name,
               CouncilDecision.winner_villages, CandidateVillage.name)
        .join(CouncilDecision, CouncilDecision.year_id == PrizeYear.id)
        .outerjoin(Nomination, CouncilDecision.winner_nomination_id == Nomination.id)
        .outerjoin(CandidateVillage, CandidateVillage.nomination_id == Nomination.id)
        .where(PrizeYear.year >= years.start, PrizeYear.year < years.stop)
        .order_by(PrizeYear.year, CandidateVillage.position))
    winners: dict[int, tuple[int, str, list[str]]] = {}
    for year, decision_id, name, entered_name, entered_villages, village in rows:
        if name is None:  # entered by hand: its villages are a comma-separated list
            village = None
            winners[decision_id] = (year, entered_name, split_villages(entered_villages))
        winners.setdefault(decision_id, (year, name, []))[2].extend([village] if village else [])
    return [PastWinner(year=year, name=name, villages=tuple(villages)) for year, name, villages in winners.values()]


def split_villages(text: str | None) -> list[str]:
    """The villages of a winner entered by hand, stored as "Idom, Råsted"."""
    return [village.strip() for village in (text or "").split(",") if village.strip()]


def nomination_for_review(session: Session, nomination_id: int) -> Nomination | None:
    """One nomination with everything its detail view shows, loaded up front."""
    return session.scalar(select(Nomination).where(Nomination.id == nomination_id)
                          .options(selectinload(Nomination.villages), selectinload(Nomination.sdgs),
                                   selectinload(Nomination.answers)))


def attachments_of(session: Session, nomination_id: int) -> list[tuple[str, str, int]]:
    """File name, media type and size of each of the nomination's attachments, oldest first."""
    rows = session.execute(select(Attachment.filename, Attachment.content_type, Attachment.size_bytes)
                           .where(Attachment.nomination_id == nomination_id)
                           .order_by(Attachment.uploaded_at, Attachment.id))
    return [tuple(row) for row in rows]
