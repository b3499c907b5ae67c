from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import (Conflict, Criterion, Finalist, Nomination, PrizeYear, ScoreSheet,
                          ScoringRound, User)
from prize.models.outcome import CouncilDecision
from prize.models.recommendation import Recommendation
from prize.phases import IN_COMPETITION, NominationStatus, Phase, RoundKind
from prize.roles import Role


def current_year(session: Session) -> PrizeYear | None:
    """The newest year that is not archived; else the newest year."""
    return session.scalar(select(PrizeYear).order_by(
        (PrizeYear.phase == Phase.ARCHIVED).asc(), PrizeYear.year.desc()).limit(1))


def year_by_number(session: Session, year: int) -> PrizeYear | None:
    return session.scalar(select(PrizeYear).where(PrizeYear.year == year))


def year_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(PrizeYear))


def lock_year(session: Session, year_id: int) -> PrizeYear | None:
    """The year, read afresh and locked until the transaction ends, so two
    secretaries moving it at once are served one after the other. (SQLite has
    no row locks; its write transactions are serialised by ``BEGIN IMMEDIATE``.)"""
    statement = (select(PrizeYear).where(PrizeYear.id == year_id)
                 .with_for_update().execution_options(populate_existing=True))
    return session.scalar(statement)


def scoring_round(session: Session, *, year_id: int, kind: RoundKind) -> ScoringRound | None:
    return session.scalar(select(ScoringRound).where(
        ScoringRound.year_id == year_id, ScoringRound.kind == kind))


def nomination_status_counts(session: Session, year_id: int) -> dict[NominationStatus, int]:
    rows = session.execute(select(Nomination.status, func.count()).where(
        Nomination.year_id == year_id).group_by(Nomination.status))
    return {NominationStatus(status): count for status, count in rows}


@dataclass(frozen=True)
class YearFacts:
    """The counts the phase moves and the overview need."""

    criteria: int
    candidates: int
    jurors: int
    conflicts: int
    finalist_conflicts: int
    finalists: int
    decisions: int
    closed_final_rounds: int = 0
    approved_recommendations: int = 0


def year_facts(session: Session, year_id: int) -> YearFacts:
    """The year's counts, in one statement."""
    competing = select(func.count()).select_from(Nomination).where(
        Nomination.year_id == year_id, Nomination.status.in_(IN_COMPETITION))
    # Only active jurors score, so only their conflicts take sheets off the count.
    active_conflicts = (select(func.count()).select_from(Conflict)
                        .join(Nomination, Conflict.nomination_id == Nomination.id)
                        .join(User, Conflict.juror_id == User.id)
                        .where(Nomination.year_id == year_id, Nomination.status.in_(IN_COMPETITION),
                               User.active.is_(True), Conflict.withdrawn_at.is_(None)))
    facts = select(
        select(func.count()).select_from(Criterion).where(Criterion.year_id == year_id)
        .scalar_subquery().label("criteria"),
        competing.scalar_subquery().label("candidates"),
        select(func.count()).select_from(User).where(User.role == Role.JUROR, User.active.is_(True))
        .scalar_subquery().label("jurors"),
        active_conflicts.scalar_subquery().label("conflicts"),
        active_conflicts.join(Finalist, Finalist.nomination_id == Nomination.id)
        .scalar_subquery().label("finalist_conflicts"),
        select(func.count()).select_from(Finalist).where(Finalist.year_id == year_id)
        .scalar_subquery().label("finalists"),
        select(func.count()).select_from(CouncilDecision).where(CouncilDecision.year_id == year_id)
        .scalar_subquery().label("decisions"),
        select(func.count()).select_from(ScoringRound).where(
            ScoringRound.year_id == year_id, ScoringRound.kind == RoundKind.FINAL,
            ScoringRound.opened_at.is_not(None), ScoringRound.closed_at.is_not(None))
        .scalar_subquery().label("closed_final_rounds"),
        select(func.count()).select_from(Recommendation).where(
            Recommendation.year_id == year_id, Recommendation.approved_at.is_not(None))
        .scalar_subquery().label("approved_recommendations"),
    )
    return YearFacts(**session.execute(facts).mappings().one())


def submitted_sheet_counts(session: Session, year_id: int) -> dict[RoundKind, int]:
    rows = session.execute(
        select(ScoringRound.kind, func.count(ScoreSheet.id))
        .join(ScoreSheet, ScoreSheet.round_id == ScoringRound.id)
        .where(ScoringRound.year_id == year_id, ScoreSheet.submitted_at.is_not(None))
        .group_by(ScoringRound.kind))
    return {RoundKind(kind): count for kind, count in rows}
