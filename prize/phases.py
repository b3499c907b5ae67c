"""The prize year's phases, the moves the secretariat may make between them, and
the facts that hang on a phase: which scoring round is open or shown, and which
deadline belongs to which round. Every other module asks here."""

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


def has_reached(phase: Phase, milestone: Phase) -> bool:
    """True when the year in ``phase`` is at ``milestone`` or past it."""
    return ORDER.index(phase) >= ORDER.index(milestone)


# --- Scoring rounds --------------------------------------------------------------------------

class RoundKind(StrEnum):
    SCREENING = "screening"
    FINAL = "final"


class Independence(StrEnum):
    """When a juror may see the others' scores, comments and aggregates of a round:
    once the secretariat releases the round's results (the default), or, for one
    candidate, once the juror has submitted their own sheet for it."""

    UNTIL_RELEASE = "until_release"
    AFTER_OWN_SHEET = "after_own_sheet"


# The phase in which each round is open for scoring; entering it opens the round,
# leaving it closes the round.
ROUND_OPENS_IN: dict[RoundKind, Phase] = {
    RoundKind.SCREENING: Phase.SCREENING,
    RoundKind.FINAL: Phase.FINAL_ROUND,
}
OPEN_ROUND: dict[Phase, RoundKind] = {phase: kind for kind, phase in ROUND_OPENS_IN.items()}
JUDGING_PHASES: frozenset[Phase] = frozenset(OPEN_ROUND)

# The round whose work is shown (open, or just closed) in each phase.
ROUND_SHOWN: dict[Phase, RoundKind] = {
    Phase.SCREENING: RoundKind.SCREENING,
    Phase.SHORTLIST: RoundKind.SCREENING,
    Phase.FINAL_ROUND: RoundKind.FINAL,
    Phase.RECOMMENDATION: RoundKind.FINAL,
    Phase.DECIDED: RoundKind.FINAL,
}

# The year's deadline (a column of prize_years) for each round.
DEADLINE_OF_ROUND: dict[RoundKind, str] = {
    RoundKind.SCREENING: "screening_deadline",
    RoundKind.FINAL: "final_deadline",
}


def rounds_in(phase: Phase) -> dict[RoundKind, bool]:
    """The rounds a year in ``phase`` has when it got there the usual way, each
    with whether it is still open: rounds open on entering their phase and close
    on leaving it."""
    return {kind: OPEN_ROUND.get(phase) == kind for kind, opens_in in ROUND_OPENS_IN.items()
            if has_reached(phase, opens_in)}


# --- A nomination's status -------------------------------------------------------------------

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
IN_COMPETITION = frozenset({NominationStatus.ELIGIBLE})
