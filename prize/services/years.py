"""The prize year: creating it, moving it through its phases, and its overview."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound, PhaseBlocked, PhaseMoveRefused
from prize.models import Criterion, PrizeYear, ScaleAnchor, ScoringRound
from prize.models.base import utcnow
from prize.models.round import RoundKind
from prize.phases import NominationStatus, Phase, allowed_moves, is_allowed_move
from prize.permissions import Action, require
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.settings import DATA_DIR
from prize.validation import clean_text

ROUND_OF_PHASE = {Phase.SCREENING: RoundKind.SCREENING, Phase.FINAL_ROUND: RoundKind.FINAL}
# The round whose work is shown (open or just closed) in each phase.
ROUND_SHOWN = {
    Phase.SCREENING: RoundKind.SCREENING,
    Phase.SHORTLIST: RoundKind.SCREENING,
    Phase.FINAL_ROUND: RoundKind.FINAL,
    Phase.RECOMMENDATION: RoundKind.FINAL,
    Phase.DECIDED: RoundKind.FINAL,
}


def move_blockers(target: Phase, facts: dict[str, int]) -> list[str]:
    """Catalog keys of the reasons the year cannot enter ``target`` yet (pure rule)."""
    needs = {
        Phase.NOMINATIONS_OPEN: [("criteria", "years.blocker.no_criteria")],
        Phase.SCREENING: [("candidates", "years.blocker.no_candidates"),
                          ("jurors", "years.blocker.no_jurors")],
        Phase.FINAL_ROUND: [("finalists", "years.blocker.no_finalists")],
        Phase.DECIDED: [("decisions", "years.blocker.no_decision")],
    }
    return [key for fact, key in needs.get(target, []) if facts.get(fact, 0) < 1]


def require_current_year(session: Session) -> PrizeYear:
    year = year_queries.current_year(session)
    if year is None:
        raise NotFound("errors.no_year")
    return year


def move_phase(session: Session, *, actor: Actor, year_id: int, target: Phase | str) -> PrizeYear:
    """Move the year one allowed step, open or close its scoring rounds, and audit it."""
    require(actor.role, Action.MOVE_PHASE)
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    target = Phase(target)
    current = year.phase
    if not is_allowed_move(current, target):
        raise PhaseMoveRefused(current=current, target=target, allowed=allowed_moves(current))
    blockers = move_blockers(target, year_queries.year_facts(session, year.id))
    if blockers:
        raise PhaseBlocked(target=target, blockers=tuple(blockers))
    _sync_rounds(session, year=year, leaving=current, entering=target)
    year.phase = target
    record_change(session, actor=actor, action="year.phase_moved", entity="prize_year",
                  entity_id=year.id, old=current.value, new=target.value)
    session.flush()
    return year


def _sync_rounds(session: Session, *, year: PrizeYear, leaving: Phase, entering: Phase) -> None:
    now = utcnow()
    if leaving in ROUND_OF_PHASE:
        closing = year_queries.scoring_round(session, year_id=year.id, kind=ROUND_OF_PHASE[leaving])
        if closing is not None:
            closing.closed_at = now
    if entering in ROUND_OF_PHASE:
        kind = ROUND_OF_PHASE[entering]
        opening = year_queries.scoring_round(session, year_id=year.id, kind=kind)
        if opening is None:
            session.add(ScoringRound(year_id=year.id, kind=kind, opened_at=now))
        else:
            opening.closed_at = None


def create_year(session: Session, *, actor: Actor, year: int, title: str, prize_amount: int = 150_000,
                finalist_count: int = 5, criteria_file: Path = DATA_DIR / "criteria.json") -> PrizeYear:
    """A new year in draft, with the shipped criteria template as its starting criteria."""
    require(actor.role, Action.CREATE_YEAR)
    if not 2000 <= year <= 2100 or prize_amount < 0 or not 1 <= finalist_count <= 20:
        raise InvalidInput()
    if year_queries.year_by_number(session, year) is not None:
        raise InvalidInput("years.year_exists", year=year)
    prize_year = PrizeYear(year=year, title=clean_text(title, field="fields.title", max_length=200, required=True),
                           prize_amount=prize_amount, finalist_count=finalist_count, phase=Phase.DRAFT)
    session.add(prize_year)
    session.flush()
    add_criteria_from_template(session, year=prize_year, template=json.loads(criteria_file.read_text("utf-8")))
    record_change(session, actor=actor, action="year.created", entity="prize_year",
                  entity_id=prize_year.id, new={"year": year, "title": prize_year.title})
    return prize_year


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
    target: Phase
    forward: bool
    blockers: list[str]


@dataclass(frozen=True)
class YearOverview:
    year: PrizeYear
    status_counts: dict[NominationStatus, int]
    facts: dict[str, int]
    submitted_sheets: dict[RoundKind, int]
    moves: list[PhaseMove] = field(default_factory=list)

    @property
    def expected_sheets(self) -> int:
        """Sheets the current round needs: every active juror on every candidate of the
        round (the finalists in the final round), less those jurors' conflicts there."""
        if ROUND_SHOWN.get(self.year.phase) == RoundKind.FINAL:
            return max(self.facts["jurors"] * self.facts["finalists"] - self.facts["finalist_conflicts"], 0)
        return max(self.facts["jurors"] * self.facts["candidates"] - self.facts["conflicts"], 0)

    @property
    def round_shown(self) -> RoundKind:
        return ROUND_SHOWN.get(self.year.phase, RoundKind.SCREENING)

    @property
    def submitted_in_round(self) -> int:
        return self.submitted_sheets.get(self.round_shown, 0)

    def deadlines(self) -> list[tuple[str, datetime | None]]:
        return [("nominations_open_at", self.year.nominations_open_at),
                ("nomination_deadline", self.year.nomination_deadline),
                ("screening_deadline", self.year.screening_deadline),
                ("final_deadline", self.year.final_deadline)]


def year_overview(session: Session, *, actor: Actor, year_id: int) -> YearOverview:
    require(actor.role, Action.VIEW_YEAR_OVERVIEW)
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    facts = year_queries.year_facts(session, year.id)
    moves = [PhaseMove(target=target, forward=index == 0, blockers=move_blockers(target, facts))
             for index, target in enumerate(allowed_moves(year.phase))]
    return YearOverview(year=year, status_counts=year_queries.nomination_status_counts(session, year.id),
                        facts=facts, submitted_sheets=year_queries.submitted_sheet_counts(session, year.id),
                        moves=moves)
