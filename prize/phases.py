"""The prize year's phases and the moves the secretariat may make between them."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    DRAFT = "draft"
    NOMINATIONS_OPEN = "nominations_open"
    NOMINATIONS_CLOSED = "nominations_closed"
    SCREENING = "screening"
    SHORTLIST = "shortlist"
    FINAL_ROUND = "final_round"
    RECOMMENDATION = "recommendation"
    DECIDED = "decided"
    ARCHIVED = "archived"


ORDER: tuple[Phase, ...] = tuple(Phase)

# Forward one step at a time; a few steps back, to reopen what closed too early.
REOPENINGS: dict[Phase, Phase] = {
    Phase.NOMINATIONS_CLOSED: Phase.NOMINATIONS_OPEN,
    Phase.SHORTLIST: Phase.SCREENING,
    Phase.RECOMMENDATION: Phase.FINAL_ROUND,
}


def next_phase(phase: Phase) -> Phase | None:
    index = ORDER.index(phase)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def allowed_moves(phase: Phase) -> tuple[Phase, ...]:
    """The phases the year may move to from ``phase``, forward move first."""
    moves = [step for step in (next_phase(phase), REOPENINGS.get(phase)) if step]
    return tuple(moves)


def is_allowed_move(current: Phase, target: Phase) -> bool:
    return target in allowed_moves(current)


class NominationStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    WITHDRAWN = "withdrawn"


NOMINATION_MOVES: dict[NominationStatus, frozenset[NominationStatus]] = {
    NominationStatus.DRAFT: frozenset({NominationStatus.SUBMITTED, NominationStatus.WITHDRAWN}),
    NominationStatus.SUBMITTED: frozenset({NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE,
                                           NominationStatus.DRAFT, NominationStatus.WITHDRAWN}),
    NominationStatus.ELIGIBLE: frozenset({NominationStatus.INELIGIBLE, NominationStatus.WITHDRAWN}),
    NominationStatus.INELIGIBLE: frozenset({NominationStatus.ELIGIBLE}),
    NominationStatus.WITHDRAWN: frozenset(),
}

# Candidates that take part in judging.
IN_COMPETITION = frozenset({NominationStatus.SUBMITTED, NominationStatus.ELIGIBLE})
