"""The archive of the prize: every year with its winner, finalists and number of
nominations, and the winners of years from before the app, which the secretariat enters
by hand (from 2009, the prize's first year), without scores. Every winner, recorded or
entered, counts for the nominations' rule "not a winner within N years"
(``prize.queries.review.past_winners``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput
from prize.i18n import MessageKey, danish_sort_key, t_plain
from prize.models import CouncilDecision, PrizeYear
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.phases import Phase
from prize.queries import archive as queries
from prize.queries import years as year_queries
from prize.queries.reference import municipalities_by_name
from prize.services.audit import record_change
from prize.services.decision import clean_prize_amount
from prize.validation import clean_text

FIRST_YEAR = 2009
WINNER_NAME_MAX_LENGTH = 200
VILLAGES_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 2000


def archive_of(session: Session, *, actor: Actor) -> pd.DataFrame:
    """Every year, newest first (``prize.queries.archive.ARCHIVE_COLUMNS``)."""
    require(actor, Action.VIEW_ARCHIVE, phase=None)
    return queries.archive_frame(session)


def past_winner_municipalities(session: Session, *, actor: Actor) -> list[str]:
    """The municipalities a past winner may be entered in: the region's, in Danish order."""
    require(actor, Action.ENTER_PAST_WINNER, phase=None)
    return sorted(municipalities_by_name(session), key=danish_sort_key)


@dataclass(frozen=True)
class PastWinner:
    """A winner of a year from before the app, as the secretariat enters it."""

    year: int
    name: str
    municipality: str
    villages: Sequence[str] = ()
    prize_amount: int = 150_000
    decided_on: date | None = None
    note: str = ""


def enter_past_winner(session: Session, *, actor: Actor, winner: PastWinner, today: date | None = None) -> int:
    """Enter the winner of a past year that the app has no year of: the year is added as
    archived, with the winner and no scores. Returns the decision's id."""
    require(actor, Action.ENTER_PAST_WINNER, phase=None)
    this_year = (today or date.today()).year
    if isinstance(winner.year, bool) or not FIRST_YEAR <= winner.year < this_year:
        raise InvalidInput("archive.error.year", low=FIRST_YEAR, high=this_year - 1)
    if year_queries.year_by_number(session, winner.year) is not None:
        raise InvalidInput("archive.error.year_exists", year=winner.year)
    name = clean_text(winner.name, field="archive.field.name", max_length=WINNER_NAME_MAX_LENGTH, required=True)
    villages = ", ".join(clean_text(each, field="archive.field.villages", max_length=WINNER_NAME_MAX_LENGTH)
                         for each in winner.villages if each.strip())
    if len(villages) > VILLAGES_MAX_LENGTH:
        raise InvalidInput("errors.text_too_long", field=MessageKey("archive.field.villages"), max=VILLAGES_MAX_LENGTH,
                           length=len(villages))
    if winner.municipality not in municipalities_by_name(session):
        raise InvalidInput("archive.error.municipality", municipality=winner.municipality)
    amount = clean_prize_amount(winner.prize_amount)
    if winner.decided_on is not None and winner.decided_on.year not in (winner.year - 1, winner.year, winner.year + 1):
        raise InvalidInput("decision.error.date", low=winner.year - 1, high=winner.year + 1)
    note = clean_text(winner.note, field="decision.field.note", max_length=NOTE_MAX_LENGTH, multiline=True)
    year = PrizeYear(year=winner.year, title=t_plain("archive.year_title", year=winner.year), prize_amount=amount,
                     phase=Phase.ARCHIVED, archived_at=utcnow())
    session.add(year)
    session.flush()
    decision = CouncilDecision(year_id=year.id, winner_name=name, winner_villages=villages,
                               winner_municipality=winner.municipality, decided_on=winner.decided_on,
                               prize_amount=amount, note=note, recorded_by_id=actor.id, recorded_at=utcnow())
    session.add(decision)
    session.flush()
    record_change(session, actor=actor, action="decision.entered_by_hand", entity="council_decision",
                  entity_id=decision.id, new={"year": winner.year, "winner": name, "villages": villages,
                                              "municipality": winner.municipality, "prize_amount": amount,
                                              "decided_on": winner.decided_on, "note": note})
    return decision.id
