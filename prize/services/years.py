"""The prize year: creating it, moving it through its phases, and its overview."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, MissingSheetsUnconfirmed, NotFound, PhaseBlocked, PhaseMoveRefused, YearMoved
from prize.i18n import MessageKey
from prize.models import Criterion, PrizeYear, ScaleAnchor, ScoringRound
from prize.models.base import utcnow
from prize.models.year import DEFAULT_RANKING_METHOD
from prize.permissions import Action, require
from prize.phases import (DEADLINE_OF_ROUND, OPEN_ROUND, ROUND_SHOWN, NominationStatus, Phase, RoundKind,
                          allowed_moves, is_allowed_move)
from prize.queries import criteria as criteria_queries
from prize.queries import progress as progress_queries
from prize.queries import years as year_queries
from prize.queries.years import YearFacts
from prize.schedule import Deadlines, first_out_of_order
from prize.services.audit import record_change
from prize.services.criteria import copy_criteria
from prize.settings import DATA_DIR
from prize.validation import clean_text


@dataclass(frozen=True)
class YearInfo:
    """A prize year as pages see it: plain values that outlive the database session."""

    id: int
    year: int
    title: str
    prize_amount: int
    phase: Phase
    finalist_count: int
    nominations_open_at: datetime | None
    nomination_deadline: datetime | None
    screening_deadline: datetime | None
    final_deadline: datetime | None
    decision_date: date | None
    is_demo: bool
    # The aggregation the shortlist is proposed by (``prize.ranking.METHODS``).
    ranking_method: str = DEFAULT_RANKING_METHOD
    # The recommendation to the council numbers the jurors instead of naming them.
    anonymous_jury: bool = False
    # The recommendation to the council prints the conflicts' written reasons.
    print_conflict_reasons: bool = False

    @classmethod
    def of(cls, year: PrizeYear) -> YearInfo:
        return cls(id=year.id, year=year.year, title=year.title, prize_amount=year.prize_amount,
                   phase=Phase(year.phase), finalist_count=year.finalist_count,
                   nominations_open_at=year.nominations_open_at, nomination_deadline=year.nomination_deadline,
                   screening_deadline=year.screening_deadline, final_deadline=year.final_deadline,
                   decision_date=year.decision_date, is_demo=year.is_demo,
                   ranking_method=year.ranking_method or DEFAULT_RANKING_METHOD,
                   anonymous_jury=bool(year.anonymous_jury), print_conflict_reasons=bool(year.print_conflict_reasons))

    @property
    def round_shown(self) -> RoundKind | None:
        """The round whose work this phase shows (open, or just closed)."""
        return ROUND_SHOWN.get(self.phase)

    def deadline_of(self, kind: RoundKind) -> datetime | None:
        return getattr(self, DEADLINE_OF_ROUND[kind])


def move_blockers(target: Phase, facts: YearFacts) -> list[str]:
    """Catalog keys of the reasons the year cannot enter ``target`` yet (pure rule)."""
    needs = {
        Phase.NOMINATIONS_OPEN: [("criteria", "years.blocker.no_criteria")],
        Phase.SCREENING: [("candidates", "years.blocker.no_candidates"),
                          ("jurors", "years.blocker.no_jurors")],
        Phase.FINAL_ROUND: [("finalists", "years.blocker.no_finalists")],
        Phase.RECOMMENDATION: [("closed_final_rounds", "years.blocker.final_round_open"),
                               ("approved_recommendations", "years.blocker.no_approved_recommendation")],
        Phase.DECIDED: [("decisions", "years.blocker.no_decision")],
    }
    return [key for fact, key in needs.get(target, []) if getattr(facts, fact) < 1]


def current_year(session: Session) -> YearInfo | None:
    """The year the app is about: the newest one that is not archived."""
    year = year_queries.current_year(session)
    return YearInfo.of(year) if year is not None else None


def require_current_year(session: Session) -> YearInfo:
    year = current_year(session)
    if year is None:
        raise NotFound("errors.no_year")
    return year


def move_phase(session: Session, *, actor: Actor, year_id: int, expected: Phase | str,
               target: Phase | str, confirm_missing: int | None = None) -> YearInfo:
    """Move the year from ``expected`` (the phase the secretary saw) one allowed
    step to ``target``, open or close its scoring rounds, and audit it.

    Leaving a round with sheets not submitted needs ``confirm_missing`` equal to the
    number missing now (``MissingSheetsUnconfirmed`` names it otherwise), so the
    secretary confirms the count they saw and not an older one.

    The year's row is locked first, so of two moves made at once one wins and the
    other is told where the year went (``YearMoved``)."""
    require(actor, Action.MOVE_PHASE, phase=None)
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    current, target = Phase(year.phase), Phase(target)
    if current != Phase(expected):
        raise YearMoved(phase=current)
    if not is_allowed_move(current, target):
        raise PhaseMoveRefused(current=current, target=target, allowed=allowed_moves(current))
    blockers = move_blockers(target, year_queries.year_facts(session, year.id))
    if blockers:
        raise PhaseBlocked(target=target, blockers=tuple(blockers))
    missing, needed = missing_sheets(session, year_id=year.id, phase=current)
    if missing and confirm_missing != missing:
        raise MissingSheetsUnconfirmed(missing=missing, total=needed, round=OPEN_ROUND[current])
    _sync_rounds(session, year=year, leaving=current, entering=target)
    year.phase = target
    if target == Phase.ARCHIVED:
        year.archived_at = utcnow()
    record_change(session, actor=actor, action="year.phase_moved", entity="prize_year",
                  entity_id=year.id, old=current.value, new=target.value)
    session.flush()
    return YearInfo.of(year)


def missing_sheets(session: Session, *, year_id: int, phase: Phase) -> tuple[int, int]:
    """(sheets not submitted, sheets needed) of the round open in ``phase``; (0, 0) when
    none is. A conflict needs no sheet."""
    kind = OPEN_ROUND.get(phase)
    if kind is None:
        return 0, 0
    found = year_queries.scoring_round(session, year_id=year_id, kind=kind)
    needed, submitted = progress_queries.sheet_totals(session, year_id=year_id, round_id=found.id if found else None,
                                                      finalists_only=kind == RoundKind.FINAL)
    return needed - submitted, needed


def _sync_rounds(session: Session, *, year: PrizeYear, leaving: Phase, entering: Phase) -> None:
    now = utcnow()
    if leaving in OPEN_ROUND:
        closing = year_queries.scoring_round(session, year_id=year.id, kind=OPEN_ROUND[leaving])
        if closing is not None and closing.closed_at is None:  # closed early: keep when
            closing.closed_at = now
    if entering in OPEN_ROUND:
        kind = OPEN_ROUND[entering]
        opening = year_queries.scoring_round(session, year_id=year.id, kind=kind)
        if opening is None:
            session.add(ScoringRound(year_id=year.id, kind=kind, opened_at=now))
        else:
            opening.opened_at = opening.opened_at or now
            opening.closed_at = None


def create_year(session: Session, *, actor: Actor, year: int, title: str, prize_amount: int | None = None,
                finalist_count: int | None = None, criteria_file: Path = DATA_DIR / "criteria.json") -> YearInfo:
    """A new year in draft, as a copy of the latest earlier year run in the app (one with
    criteria): its criteria, anchors and all, its prize amount, number of finalists and
    ranking method, for the secretariat to edit. The first year starts from the shipped
    template and the defaults. An amount or a number of finalists given wins over the copy.
    Deadlines are not copied (they are the new year's), and nominating bodies, with their
    nomination limits, are shared by all years."""
    require(actor, Action.CREATE_YEAR, phase=None)
    earlier_id = criteria_queries.latest_earlier_year_with_criteria(session, year)
    earlier = session.get(PrizeYear, earlier_id) if earlier_id is not None else None
    prize_amount = prize_amount if prize_amount is not None else (earlier.prize_amount if earlier else 150_000)
    finalist_count = finalist_count if finalist_count is not None else (earlier.finalist_count if earlier else 5)
    if not 2000 <= year <= 2100 or prize_amount < 0 or not 1 <= finalist_count <= 20:
        raise InvalidInput()
    if year_queries.year_by_number(session, year) is not None:
        raise InvalidInput("years.year_exists", year=year)
    prize_year = PrizeYear(year=year, title=clean_text(title, field="fields.title", max_length=200, required=True),
                           prize_amount=prize_amount, finalist_count=finalist_count, phase=Phase.DRAFT,
                           ranking_method=earlier.ranking_method if earlier else DEFAULT_RANKING_METHOD)
    session.add(prize_year)
    session.flush()
    if earlier is not None:
        copy_criteria(session, from_year_id=earlier.id, to_year_id=prize_year.id)
    else:
        add_criteria_from_template(session, year=prize_year,
                                   template=json.loads(criteria_file.read_text("utf-8")))
    record_change(session, actor=actor, action="year.created", entity="prize_year", entity_id=prize_year.id,
                  new={"year": year, "title": prize_year.title, "criteria_from": earlier.year if earlier else "template",
                       "prize_amount": prize_amount, "finalist_count": finalist_count,
                       "ranking_method": prize_year.ranking_method})
    return YearInfo.of(prize_year)


def set_deadlines(session: Session, *, actor: Actor, year_id: int, deadlines: Deadlines) -> YearInfo:
    """Set the year's dates, entered in Danish time and stored in UTC. A date may
    be left out; those given must come in order, else the two that are not are
    named. Audited with the dates that changed, old and new."""
    require(actor, Action.SET_DEADLINES, phase=None)
    utc = deadlines.in_utc()
    wrong = first_out_of_order(utc)
    if wrong is not None:
        earlier, later = wrong
        raise InvalidInput("setup.error.out_of_order", earlier=MessageKey(f"setup.deadline.{earlier}"),
                           earlier_value=getattr(utc, earlier), later=MessageKey(f"setup.deadline.{later}"),
                           later_value=getattr(utc, later))
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    before = Deadlines.of(year)
    changed = [name for name, value in utc.items() if getattr(before, name) != value]
    for name in changed:
        setattr(year, name, getattr(utc, name))
    session.flush()
    if changed:
        record_change(session, actor=actor, action="year.deadlines_set", entity="prize_year", entity_id=year.id,
                      old={name: getattr(before, name) for name in changed},
                      new={name: getattr(utc, name) for name in changed})
    return YearInfo.of(year)


def add_criteria_from_template(session: Session, *, year: PrizeYear, template: dict) -> list[Criterion]:
    scale = template["scale"]
    criteria = []
    for item in template["criteria"]:
        criterion = Criterion(
            year_id=year.id, position=item["position"], title_da=item["title_da"],
            title_en=item.get("title_en", ""), description_da=item.get("description_da", ""),
            description_en=item.get("description_en", ""), weight=item.get("weight", 1.0),
            scale_min=scale["min"], scale_max=scale["max"],
            anchors=[ScaleAnchor(value=a["value"], text_da=a["da"], text_en=a.get("en", ""))
                     for a in scale["anchors"]])
        session.add(criterion)
        criteria.append(criterion)
    session.flush()
    return criteria


@dataclass(frozen=True)
class PhaseMove:
    """``missing`` of ``needed`` sheets of the round the move leaves are not submitted;
    a move with missing sheets asks for their count to be confirmed."""

    target: Phase
    forward: bool
    blockers: list[str]
    missing: int = 0
    needed: int = 0


@dataclass(frozen=True)
class YearOverview:
    year: YearInfo
    status_counts: dict[NominationStatus, int]
    facts: YearFacts
    submitted_sheets: dict[RoundKind, int]
    moves: list[PhaseMove] = field(default_factory=list)

    @property
    def expected_sheets(self) -> int:
        """Sheets the current round needs: every active juror on every candidate of the
        round (the finalists in the final round), less those jurors' conflicts there."""
        if self.round_shown == RoundKind.FINAL:
            return max(self.facts.jurors * self.facts.finalists - self.facts.finalist_conflicts, 0)
        return max(self.facts.jurors * self.facts.candidates - self.facts.conflicts, 0)

    @property
    def round_shown(self) -> RoundKind:
        return self.year.round_shown or RoundKind.SCREENING

    @property
    def submitted_in_round(self) -> int:
        return self.submitted_sheets.get(self.round_shown, 0)

    def deadlines(self) -> list[tuple[str, datetime | None]]:
        return [("nominations_open_at", self.year.nominations_open_at),
                ("nomination_deadline", self.year.nomination_deadline),
                ("screening_deadline", self.year.screening_deadline),
                ("final_deadline", self.year.final_deadline)]


def year_overview(session: Session, *, actor: Actor, year_id: int) -> YearOverview:
    require(actor, Action.VIEW_YEAR_OVERVIEW, phase=None)
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    facts = year_queries.year_facts(session, year.id)
    missing, needed = missing_sheets(session, year_id=year.id, phase=Phase(year.phase))
    moves = [PhaseMove(target=target, forward=index == 0, blockers=move_blockers(target, facts),
                       missing=missing, needed=needed)
             for index, target in enumerate(allowed_moves(year.phase))]
    return YearOverview(year=YearInfo.of(year), status_counts=year_queries.nomination_status_counts(session, year.id),
                        facts=facts, submitted_sheets=year_queries.submitted_sheet_counts(session, year.id),
                        moves=moves)


def current_overview(session: Session, *, actor: Actor) -> YearOverview | None:
    """The overview of the current year; None before the first year is created."""
    require(actor, Action.VIEW_YEAR_OVERVIEW, phase=None)
    year = year_queries.current_year(session)
    return year_overview(session, actor=actor, year_id=year.id) if year is not None else None
