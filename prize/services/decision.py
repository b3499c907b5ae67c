"""The regional council's decision: the secretariat records the winner (normally the
recommended finalist; another finalist needs a note), the date of the council's meeting
and the prize amount. A year has one decision, recorded once its recommendation is
approved and has gone to the council; recording it moves the year to "decided".
Both changes are audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound, PrizeError
from prize.i18n import MessageKey
from prize.models import CouncilDecision
from prize.models.base import utcnow
from prize.permissions import Action, DecisionTarget, require
from prize.phases import Phase
from prize.queries import recommendation as queries
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.services.recommendation import RecommendationInfo, recommendation_view
from prize.services.years import YearInfo, move_phase
from prize.validation import clean_text

NOTE_MAX_LENGTH = 2000
PRIZE_AMOUNT_MAX = 10_000_000


@dataclass(frozen=True)
class DecisionInfo:
    winner_id: int | None
    winner: str
    decided_on: date | None
    prize_amount: int | None
    note: str
    recorded_by: str
    recorded_at: datetime
    recommended: bool


@dataclass(frozen=True)
class DecisionView:
    """What the decision page shows: the finalists (id, name), the approved recommendation
    (None before one is drafted), the decision (None before it is recorded) and why the
    actor may not record it now (None: may)."""

    year: YearInfo
    finalists: tuple[tuple[int, str], ...]
    recommendation: RecommendationInfo | None
    decision: DecisionInfo | None
    refusal: PrizeError | None


def decision_view(session: Session, *, actor: Actor, year: YearInfo) -> DecisionView:
    recommended = recommendation_view(session, actor=actor, year=year)
    found = queries.decision_of(session, year_id=year.id)
    try:
        require(actor, Action.RECORD_DECISION, phase=year.phase, target=_target(session, year.id, year.phase))
        refusal = None
    except PrizeError as error:
        refusal = error
    return DecisionView(year=year, finalists=recommended.finalists, recommendation=recommended.recommendation,
                        decision=_info(session, found) if found else None,
                        refusal=refusal)


def record_decision(session: Session, *, actor: Actor, year_id: int, winner_id: int, decided_on: date | None,
                    prize_amount: int, note: str = "") -> DecisionInfo:
    """Record the council's decision and move the year to "decided". Refused, with nothing
    stored: before the recommendation is approved and sent, a second time, a winner who is
    not a finalist, another winner than the recommended one without ``note``."""
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    require(actor, Action.RECORD_DECISION, phase=Phase(year.phase), target=_target(session, year.id, year.phase))
    finalists = dict(queries.finalist_names(session, year_id=year.id))
    if winner_id not in finalists:
        raise InvalidInput("decision.error.not_finalist",
                           name=queries.nomination_name(session, winner_id) or str(winner_id))
    recommended = queries.recommendation_of(session, year_id=year.id).nomination_id
    note = clean_text(note, field="decision.field.note", max_length=NOTE_MAX_LENGTH, multiline=True)
    if winner_id != recommended and not note:
        raise InvalidInput("decision.error.note_required", winner=finalists[winner_id],
                           recommended=finalists.get(recommended, ""))
    decided_on = _meeting_date(decided_on, year=year.year)
    prize_amount = clean_prize_amount(prize_amount)
    decision = CouncilDecision(year_id=year.id, winner_nomination_id=winner_id, decided_on=decided_on,
                               prize_amount=prize_amount, note=note, recorded_by_id=actor.id, recorded_at=utcnow())
    session.add(decision)
    session.flush()
    record_change(session, actor=actor, action="decision.recorded", entity="council_decision", entity_id=decision.id,
                  new={"winner": finalists[winner_id], "recommended": winner_id == recommended,
                       "decided_on": decided_on, "prize_amount": prize_amount, "note": note})
    move_phase(session, actor=actor, year_id=year.id, expected=Phase.RECOMMENDATION, target=Phase.DECIDED)
    return _info(session, decision)


def clean_prize_amount(value: object) -> int:
    """A prize amount in whole kroner, more than 0 and at most ``PRIZE_AMOUNT_MAX``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= PRIZE_AMOUNT_MAX:
        raise InvalidInput("decision.error.amount", high=PRIZE_AMOUNT_MAX)
    return value


def _meeting_date(value: date | None, *, year: int) -> date:
    """The council meets about the year's prize in the year or the one before or after it."""
    if value is None:
        raise InvalidInput("errors.field_required", field=MessageKey("decision.field.decided_on"))
    if not year - 1 <= value.year <= year + 1:
        raise InvalidInput("decision.error.date", low=year - 1, high=year + 1)
    return value


def _target(session: Session, year_id: int, phase: Phase | str) -> DecisionTarget:
    found = queries.recommendation_of(session, year_id=year_id)
    return DecisionTarget(decided=queries.decision_of(session, year_id=year_id) is not None,
                          recommendation_approved=found is not None and found.approved_at is not None,
                          sent_to_council=Phase(phase) == Phase.RECOMMENDATION)


def _info(session: Session, found: CouncilDecision) -> DecisionInfo:
    recommended = queries.recommendation_of(session, year_id=found.year_id)
    return DecisionInfo(
        winner_id=found.winner_nomination_id,
        winner=queries.nomination_name(session, found.winner_nomination_id) or found.winner_name,
        decided_on=found.decided_on, prize_amount=found.prize_amount, note=found.note,
        recorded_by=queries.user_name(session, found.recorded_by_id), recorded_at=found.recorded_at,
        recommended=recommended is not None and recommended.nomination_id == found.winner_nomination_id)
