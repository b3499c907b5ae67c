"""The archive: every year with its winner, finalists and number of nominations."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import CouncilDecision, Finalist, Municipality, Nomination, PrizeYear
from prize.phases import NominationStatus

ARCHIVE_COLUMNS = ["year", "phase", "winner", "municipality", "finalists", "nominations", "prize_amount",
                   "decided_on", "entered_by_hand"]
# A nomination counts once its body has submitted it, whatever the secretariat's check said.
_SUBMITTED = (NominationStatus.SUBMITTED, NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE)


def archive_frame(session: Session) -> pd.DataFrame:
    """One row per year, newest first (``ARCHIVE_COLUMNS``); ``finalists`` the names in the
    shortlist's order; ``nominations`` None for a year entered by hand."""
    winner = (select(Nomination.name, Municipality.name.label("municipality"), Nomination.id)
              .join(Municipality, Municipality.id == Nomination.municipality_id).subquery())
    rows = session.execute(
        select(PrizeYear.id, PrizeYear.year, PrizeYear.phase,
               func.coalesce(winner.c.name, CouncilDecision.winner_name),
               func.coalesce(winner.c.municipality, CouncilDecision.winner_municipality),
               func.coalesce(CouncilDecision.prize_amount, PrizeYear.prize_amount), CouncilDecision.decided_on,
               CouncilDecision.id.is_not(None) & CouncilDecision.winner_nomination_id.is_(None))
        .outerjoin(CouncilDecision, CouncilDecision.year_id == PrizeYear.id)
        .outerjoin(winner, winner.c.id == CouncilDecision.winner_nomination_id)
        .order_by(PrizeYear.year.desc())).all()
    finalists = _finalists(session)
    counts = dict(session.execute(select(Nomination.year_id, func.count()).where(Nomination.status.in_(_SUBMITTED))
                                  .group_by(Nomination.year_id)).tuples().all())
    return pd.DataFrame(
        [(year, phase, winner_name or "", municipality or "", finalists.get(year_id, ()),
          None if by_hand else counts.get(year_id, 0), amount, decided_on, bool(by_hand))
         for year_id, year, phase, winner_name, municipality, amount, decided_on, by_hand in rows],
        columns=ARCHIVE_COLUMNS)


def _finalists(session: Session) -> dict[int, tuple[str, ...]]:
    rows = session.execute(select(Finalist.year_id, Nomination.name)
                           .join(Nomination, Nomination.id == Finalist.nomination_id)
                           .order_by(Finalist.year_id, Finalist.position))
    found: dict[int, list[str]] = {}
    for year_id, name in rows:
        found.setdefault(year_id, []).append(name)
    return {year_id: tuple(names) for year_id, names in found.items()}
