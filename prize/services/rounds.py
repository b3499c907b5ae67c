"""The secretariat's controls of a scoring round: its independence, opening, closing,
reopening (with a reason) and releasing its results. Every change is audited.

A round is managed while the year's phase shows it (``prize.phases.ROUND_SHOWN``).
It is open only in its own phase: the phase move opens and closes it
(``prize.services.years``); in its phase the secretariat may also close it early and
reopen it. To reopen a round after the year has moved on, move the year back.

Results are released only once the round is closed, so nobody still scoring sees the
others' scores; reopening a released round withdraws the release for the same reason.
The independence is chosen before the first sheet is submitted: a juror who submitted
has scored under the setting in force, and switching it then would either show them
what they were told stays hidden, or hide what some have already seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import NotFound, OutOfPhase, RoundRefused
from prize.models import ScoringRound
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.phases import OPEN_ROUND, ROUND_OPENS_IN, ROUND_SHOWN, Independence, Phase, RoundKind
from prize.queries import rounds as round_queries
from prize.queries import years as year_queries
from prize.services.audit import record_change
from prize.services.years import YearInfo
from prize.validation import clean_text

REASON_MAX_LENGTH = 500


@dataclass(frozen=True)
class RoundStatus:
    """A round as the jury page shows it; ``kind`` None: the phase shows no round."""

    kind: RoundKind | None
    phase: Phase
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    released_at: datetime | None = None
    independence: Independence = Independence.UNTIL_RELEASE
    submitted: int = 0

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def in_own_phase(self) -> bool:
        return self.kind is not None and OPEN_ROUND.get(self.phase) == self.kind

    @property
    def may_open(self) -> bool:
        return self.in_own_phase and self.opened_at is None

    @property
    def may_close(self) -> bool:
        return self.in_own_phase and self.is_open

    @property
    def may_reopen(self) -> bool:
        return self.in_own_phase and self.opened_at is not None and self.closed_at is not None

    @property
    def may_release(self) -> bool:
        return self.closed_at is not None and self.released_at is None

    @property
    def may_set_independence(self) -> bool:
        return self.kind is not None and self.submitted == 0 and self.released_at is None


def round_status(session: Session, *, actor: Actor, year: YearInfo) -> RoundStatus:
    require(actor, Action.VIEW_PROGRESS, phase=year.phase)
    kind = year.round_shown
    shown = year_queries.scoring_round(session, year_id=year.id, kind=kind) if kind else None
    return _status(session, phase=year.phase, kind=kind, scoring_round=shown)


def _status(session: Session, *, phase: Phase, kind: RoundKind | None,
            scoring_round: ScoringRound | None) -> RoundStatus:
    if scoring_round is None:
        return RoundStatus(kind=kind, phase=phase)
    return RoundStatus(kind=kind, phase=phase, opened_at=scoring_round.opened_at,
                       closed_at=scoring_round.closed_at, released_at=scoring_round.released_at,
                       independence=Independence(scoring_round.independence),
                       submitted=round_queries.submitted_sheets(session, scoring_round.id))


def open_round(session: Session, *, actor: Actor, year_id: int) -> RoundStatus:
    """Open the round of the year's phase if it has not been opened (the phase move
    normally has); a closed round is reopened with ``reopen_round``."""
    year, kind, found = _locked(session, actor=actor, year_id=year_id, own_phase=True)
    if found is not None and found.opened_at is not None:
        raise RoundRefused("rounds.error.already_open" if found.closed_at is None else "rounds.error.use_reopen",
                           round=kind)
    if found is None:
        found = ScoringRound(year_id=year.id, kind=kind)
        session.add(found)
    found.opened_at, found.closed_at = utcnow(), None
    session.flush()
    _audit(session, actor=actor, action="round.opened", scoring_round=found, new={"opened_at": found.opened_at})
    return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)


def close_round(session: Session, *, actor: Actor, year_id: int) -> RoundStatus:
    """Close the round early, in its own phase: every sheet is locked from now on."""
    year, kind, found = _locked(session, actor=actor, year_id=year_id, own_phase=True)
    if found is None or found.opened_at is None or found.closed_at is not None:
        never_opened = found is None or found.opened_at is None
        raise RoundRefused("rounds.error.not_opened" if never_opened else "rounds.error.already_closed", round=kind)
    found.closed_at = utcnow()
    session.flush()
    _audit(session, actor=actor, action="round.closed", scoring_round=found, new={"closed_at": found.closed_at})
    return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)


def reopen_round(session: Session, *, actor: Actor, year_id: int, reason: str) -> RoundStatus:
    """Reopen a closed round in its own phase; ``reason`` is required and audited.
    A release of its results is withdrawn."""
    reason = clean_text(reason, field="rounds.field.reason", max_length=REASON_MAX_LENGTH, required=True,
                        multiline=True)
    year, kind, found = _locked(session, actor=actor, year_id=year_id, own_phase=True)
    if found is None or found.opened_at is None or found.closed_at is None:
        raise RoundRefused("rounds.error.not_closed", round=kind)
    old = {"closed_at": found.closed_at, "released_at": found.released_at}
    found.closed_at = found.released_at = None
    session.flush()
    _audit(session, actor=actor, action="round.reopened", scoring_round=found, old=old,
           new={"closed_at": None, "released_at": None, "reason": reason})
    return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)


def release_results(session: Session, *, actor: Actor, year_id: int) -> RoundStatus:
    """Let every juror see the others' scores and the aggregates of the closed round."""
    year, kind, found = _locked(session, actor=actor, year_id=year_id, own_phase=False)
    if found is None or found.closed_at is None:
        raise RoundRefused("rounds.error.release_open", round=kind)
    if found.released_at is not None:
        raise RoundRefused("rounds.error.already_released", round=kind, released_at=found.released_at)
    found.released_at = utcnow()
    session.flush()
    _audit(session, actor=actor, action="round.released", scoring_round=found,
           new={"released_at": found.released_at})
    return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)


def set_independence(session: Session, *, actor: Actor, year_id: int,
                     independence: Independence | str) -> RoundStatus:
    """Choose when jurors see the others' scores; only before the round's first
    submitted sheet (and release). Setting the value it has changes nothing."""
    independence = Independence(independence)
    year, kind, found = _locked(session, actor=actor, year_id=year_id, own_phase=False)
    if found is None:
        raise RoundRefused("rounds.error.not_opened", round=kind)
    current = Independence(found.independence)
    if independence == current:
        return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)
    submitted = round_queries.submitted_sheets(session, found.id)
    if submitted or found.released_at is not None:
        raise RoundRefused("rounds.error.independence_locked", round=kind, submitted=submitted)
    found.independence = independence
    session.flush()
    _audit(session, actor=actor, action="round.independence_set", scoring_round=found,
           old=current.value, new=independence.value)
    return _status(session, phase=Phase(year.phase), kind=kind, scoring_round=found)


def _locked(session: Session, *, actor: Actor, year_id: int, own_phase: bool):
    """The year, the kind of the round its phase shows, and that round (or None), both
    locked. ``own_phase``: the change needs the year in the round's own phase."""
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    phase = Phase(year.phase)
    require(actor, Action.MANAGE_ROUND, phase=phase)
    kind = ROUND_SHOWN.get(phase)
    if kind is None:
        raise OutOfPhase(phase=phase)
    if own_phase and OPEN_ROUND.get(phase) != kind:
        raise RoundRefused("rounds.error.not_in_own_phase", round=kind, phase=ROUND_OPENS_IN[kind])
    return year, kind, round_queries.lock_round(session, year_id=year.id, kind=kind)


def _audit(session: Session, *, actor: Actor, action: str, scoring_round: ScoringRound,
           old: object = None, new: object = None) -> None:
    record_change(session, actor=actor, action=action, entity="scoring_round", entity_id=scoring_round.id,
                  old=old, new=new)
