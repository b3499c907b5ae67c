"""Conflicts of interest: a juror declares one for a candidate, the secretariat recuses a
juror or withdraws a conflict with a reason, and both see the conflicts the data proposes
(a juror's home municipality is the candidate's).

An active conflict bars the juror's sheet for the candidate (the rule book's
``has_no_conflict``, fed by ``prize.queries.conflicts.is_conflicted``); scores the juror
gave it are kept but left out of every aggregate (``counted_scores_frame``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.models import Conflict, ConflictReason, PrizeYear, User
from prize.models.base import utcnow
from prize.models.conflict import NOTE_MAX
from prize.permissions import Action, can, may_ever, require, role_may
from prize.phases import IN_COMPETITION, Phase
from prize.queries import conflicts as queries
from prize.queries.nominations import NominationReach, nomination_reach
from prize.queries.years import current_year
from prize.roles import Role
from prize.services.audit import record_change
from prize.validation import clean_text

# The types whose written reason may be left out: the municipality speaks for itself.
NOTE_OPTIONAL = frozenset({ConflictReason.OWN_MUNICIPALITY})


def note_required(reason: ConflictReason) -> bool:
    return ConflictReason(reason) not in NOTE_OPTIONAL


@dataclass(frozen=True)
class ConflictInfo:
    """One conflict as pages show it; ``declared_by_id`` is the juror, or the secretariat
    that recused them (None: the command line)."""

    id: int
    juror_id: int
    nomination_id: int
    reason: ConflictReason
    note: str
    declared_by_id: int | None
    declared_at: datetime
    withdrawn_at: datetime | None
    withdrawal_reason: str

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @classmethod
    def of(cls, conflict: Conflict) -> ConflictInfo:
        return cls(id=conflict.id, juror_id=conflict.juror_id, nomination_id=conflict.nomination_id,
                   reason=ConflictReason(conflict.reason), note=conflict.note,
                   declared_by_id=conflict.declared_by_id, declared_at=conflict.declared_at,
                   withdrawn_at=conflict.withdrawn_at, withdrawal_reason=conflict.withdrawal_reason)


# --- Declaring and recusing -----------------------------------------------------------------

def declare_conflict(session: Session, *, actor: Actor, nomination_id: int, reason: ConflictReason | str,
                     note: str, now: datetime | None = None) -> ConflictInfo:
    """The juror ``actor`` declares a conflict with the candidate: a type and a written reason
    (required but for ``own_municipality``). Audited."""
    return _record(session, actor=actor, action=Action.DECLARE_CONFLICT, juror_id=actor.id,
                   nomination_id=nomination_id, reason=reason, note=note, now=now)


def recuse_juror(session: Session, *, actor: Actor, juror_id: int, nomination_id: int,
                 reason: ConflictReason | str, note: str, now: datetime | None = None) -> ConflictInfo:
    """The secretariat records a conflict on the juror's behalf; the secretariat is named as
    the declarer. Audited."""
    return _record(session, actor=actor, action=Action.RECUSE_JUROR, juror_id=juror_id,
                   nomination_id=nomination_id, reason=reason, note=note, now=now)


def _record(session: Session, *, actor: Actor, action: Action, juror_id: int | None, nomination_id: int,
            reason: ConflictReason | str, note: str, now: datetime | None) -> ConflictInfo:
    _require_candidate(session, actor=actor, action=action, nomination_id=nomination_id)
    _require_juror(session, juror_id)
    reason, note = _clean_reason(reason, note)
    existing = queries.conflict_of(session, juror_id=juror_id, nomination_id=nomination_id, lock=True)
    if existing is not None and existing.withdrawn_at is None:
        raise InvalidInput("conflicts.errors.already_declared")
    conflict = existing or Conflict(juror_id=juror_id, nomination_id=nomination_id)
    old = _state(existing) if existing is not None else None
    conflict.reason, conflict.note, conflict.declared_by_id = reason, note, actor.id
    conflict.declared_at, conflict.withdrawn_at, conflict.withdrawal_reason = now or utcnow(), None, ""
    session.add(conflict)
    session.flush()
    record_change(session, actor=actor, action=f"conflict.{'recused' if action == Action.RECUSE_JUROR else 'declared'}",
                  entity="conflict", entity_id=conflict.id, old=old, new=_state(conflict))
    session.flush()
    return ConflictInfo.of(conflict)


def _require_candidate(session: Session, *, actor: Actor, action: Action, nomination_id: int) -> NominationReach:
    """The candidate once ``actor`` may do ``action`` to it: a nomination in competition in the
    current year; anything else is unknown to a conflict (``NotFound``)."""
    if not may_ever(actor, action):
        require(actor, action, phase=None)
    reach = nomination_reach(session, nomination_id)
    year = current_year(session)
    if reach is None or reach.status not in IN_COMPETITION or year is None or reach.year_id != year.id:
        raise NotFound("conflicts.errors.not_a_candidate")
    require(actor, action, phase=reach.phase)
    return reach


def _require_juror(session: Session, juror_id: int | None) -> User:
    juror = session.get(User, juror_id) if juror_id is not None else None
    if juror is None or juror.role != Role.JUROR or not juror.active:
        raise InvalidInput("conflicts.errors.not_a_juror")
    return juror


def _clean_reason(reason: ConflictReason | str, note: str) -> tuple[ConflictReason, str]:
    try:
        reason = ConflictReason(reason)
    except ValueError:
        raise InvalidInput("conflicts.errors.unknown_reason") from None
    note = clean_text(note, field="conflicts.field.note", max_length=NOTE_MAX, required=note_required(reason),
                      multiline=True)
    return reason, note


def _state(conflict: Conflict) -> dict:
    return {"juror_id": conflict.juror_id, "nomination_id": conflict.nomination_id,
            "reason": ConflictReason(conflict.reason).value, "note": conflict.note,
            "declared_by_id": conflict.declared_by_id, "withdrawn_at": conflict.withdrawn_at,
            "withdrawal_reason": conflict.withdrawal_reason}


# --- Withdrawing ----------------------------------------------------------------------------

def withdraw_conflict(session: Session, *, actor: Actor, conflict_id: int, reason: str,
                      now: datetime | None = None) -> ConflictInfo:
    """The secretariat withdraws an active conflict with a written reason; the row is kept,
    and the juror may score the candidate again. Audited."""
    if not may_ever(actor, Action.WITHDRAW_CONFLICT):
        require(actor, Action.WITHDRAW_CONFLICT, phase=None)
    conflict = queries.conflict_by_id_for_update(session, conflict_id)
    if conflict is None:
        raise NotFound()
    require(actor, Action.WITHDRAW_CONFLICT, phase=_phase_of(session, conflict.nomination_id))
    if conflict.withdrawn_at is not None:
        raise InvalidInput("conflicts.errors.already_withdrawn")
    reason = clean_text(reason, field="conflicts.field.withdrawal_reason", max_length=NOTE_MAX, required=True,
                        multiline=True)
    old = _state(conflict)
    conflict.withdrawn_at, conflict.withdrawal_reason = now or utcnow(), reason
    record_change(session, actor=actor, action="conflict.withdrawn", entity="conflict", entity_id=conflict.id,
                  old=old, new=_state(conflict))
    session.flush()
    return ConflictInfo.of(conflict)


def _phase_of(session: Session, nomination_id: int) -> Phase:
    return nomination_reach(session, nomination_id).phase


# --- Reading --------------------------------------------------------------------------------

def proposed_conflicts(session: Session, *, actor: Actor, year_id: int) -> pd.DataFrame:
    """The conflicts the data proposes (``prize.queries.conflicts.PROPOSAL_COLUMNS``): all of
    them for whoever may recuse a juror, a juror's own otherwise. Confirming one is declaring
    (or recusing) it with the type ``own_municipality``."""
    if not may_ever(actor, Action.DECLARE_CONFLICT):
        require(actor, Action.DECLARE_CONFLICT, phase=None)
    juror_id = None if role_may(actor.role, Action.RECUSE_JUROR) else actor.id
    return queries.proposals_frame(session, year_id=year_id, juror_id=juror_id)


def conflicts_frame(session: Session, *, actor: Actor, year_id: int) -> pd.DataFrame:
    """Every conflict of the year, withdrawn ones too (``prize.queries.conflicts.CONFLICT_COLUMNS``):
    for the secretariat and the council's export. ``conflicts.col.<column>`` names each column."""
    require(actor, Action.VIEW_PROGRESS, phase=None)
    return queries.conflicts_frame(session, year_id=year_id)


@dataclass(frozen=True)
class CandidateConflict:
    """A juror's standing with one candidate: their active conflict, if any; the municipality
    when the data proposes one (their home municipality is the candidate's), else None; and
    whether they may declare one now."""

    conflict: ConflictInfo | None
    proposed_municipality: str | None
    may_declare: bool
    phase: Phase

    @property
    def proposed(self) -> bool:
        return self.proposed_municipality is not None


def own_conflict(session: Session, *, actor: Actor, nomination_id: int) -> CandidateConflict:
    """The juror's own active conflict with the candidate and whether one is proposed."""
    reach = _require_candidate_view(session, actor=actor, nomination_id=nomination_id)
    existing = queries.conflict_of(session, juror_id=actor.id, nomination_id=nomination_id)
    active = existing if existing is not None and existing.withdrawn_at is None else None
    proposals = queries.proposals_frame(session, year_id=reach.year_id, juror_id=actor.id)
    proposed = proposals.loc[proposals["nomination_id"] == nomination_id, "municipality"].tolist()
    return CandidateConflict(conflict=ConflictInfo.of(active) if active else None,
                             proposed_municipality=proposed[0] if proposed else None,
                             may_declare=can(actor, Action.DECLARE_CONFLICT, phase=reach.phase), phase=reach.phase)


def _require_candidate_view(session: Session, *, actor: Actor, nomination_id: int) -> NominationReach:
    require(actor, Action.VIEW_OWN_SHEETS, phase=None)
    reach = nomination_reach(session, nomination_id)
    if reach is None or reach.status not in IN_COMPETITION:
        raise NotFound("conflicts.errors.not_a_candidate")
    return reach


@dataclass(frozen=True)
class RecusalChoices:
    """What the secretariat's recusal form offers: the active jurors and the year's
    candidates as (id, name), and whether conflicts may change in the year's ``phase``."""

    jurors: tuple[tuple[int, str], ...]
    candidates: tuple[tuple[int, str], ...]
    may_change: bool
    phase: Phase


def recusal_choices(session: Session, *, actor: Actor, year_id: int) -> RecusalChoices:
    require(actor, Action.VIEW_PROGRESS, phase=None)
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    return RecusalChoices(jurors=tuple(queries.juror_options(session)),
                          candidates=tuple(queries.candidate_options(session, year_id=year_id)),
                          may_change=can(actor, Action.RECUSE_JUROR, phase=year.phase), phase=Phase(year.phase))
