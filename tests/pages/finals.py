"""Arranging the demo year for the final's pages: the shortlist confirmed (the year in the
final round), the recommendation drafted, approved, and the year sent to the council."""

from __future__ import annotations

from sqlalchemy import Engine, select

from prize.actor import Actor
from prize.db import session_scope
from prize.models import User
from prize.phases import Phase
from prize.services import recommendation, rounds, shortlist, years

RATIONALE = "Kandidaten opfylder kriterierne bedst, især klima, biodiversitet og ressourcer."


def secretariat_of(session) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())


def confirm_shortlist(engine: Engine) -> list[tuple[int, str]]:
    """Confirm the proposed top five; the finalists as (id, name) in order."""
    with session_scope(engine) as session:
        actor, year = secretariat_of(session), years.require_current_year(session)
        proposal = shortlist.propose_shortlist(session, actor=actor, year=year)
        confirmed = shortlist.confirm_shortlist(session, actor=actor, year=year, finalists=list(proposal.clear))
        return list(zip(confirmed.finalists["nomination_id"].astype(int), confirmed.finalists["candidate"],
                        strict=True))


def send_recommendation(engine: Engine, *, nomination_id: int) -> None:
    """Draft and approve the recommendation of ``nomination_id``, close the final round and
    move the year to "recommendation"."""
    with session_scope(engine) as session:
        actor, year = secretariat_of(session), years.require_current_year(session)
        recommendation.draft_recommendation(session, actor=actor, year_id=year.id, nomination_id=nomination_id,
                                            rationale=RATIONALE)
        recommendation.approve_recommendation(session, actor=actor, year_id=year.id)
        rounds.close_round(session, actor=actor, year_id=year.id)
        missing, _ = years.missing_sheets(session, year_id=year.id, phase=Phase.FINAL_ROUND)
        years.move_phase(session, actor=actor, year_id=year.id, expected=Phase.FINAL_ROUND,
                         target=Phase.RECOMMENDATION, confirm_missing=missing or None)
