"""The rule book's view of one nomination: a service builds the target here and
asks ``prize.permissions``, so every service judges deadlines the same way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.deadlines import edits_close_at, open_for_edits
from prize.errors import DeadlinePassed, NotFound
from prize.models.base import utcnow
from prize.permissions import Action, NominationTarget, require
from prize.queries.nominations import NominationReach, nomination_reach


def target_of(reach: NominationReach, *, now: datetime) -> NominationTarget:
    return NominationTarget(
        nomination_id=reach.nomination_id, nominating_body_id=reach.nominating_body_id,
        open_for_edits=open_for_edits(phase=reach.phase, year_deadline=reach.nomination_deadline,
                                      reopened_until=reach.reopened_until, now=now))


def require_on_nomination(session: Session, *, actor: Actor, action: Action, nomination_id: int,
                          now: datetime | None = None, lock: bool = False) -> NominationReach:
    """The nomination's facts once ``actor`` may do ``action`` to it; else the
    rule book's refusal. An unknown nomination and one out of the actor's reach
    look alike (``NotAllowed`` for the latter, ``NotFound`` only to those who
    could see any nomination), so ids cannot be probed."""
    reach = nomination_reach(session, nomination_id, lock=lock)
    if reach is None:
        require(actor, Action.VIEW_ALL_NOMINATIONS, phase=None)
        raise NotFound()
    now = now or utcnow()
    try:
        require(actor, action, phase=reach.phase, target=target_of(reach, now=now))
    except DeadlinePassed:
        raise deadline_refusal(year_deadline=reach.nomination_deadline, reopened_until=reach.reopened_until,
                               now=now) from None
    return reach


def deadline_refusal(*, year_deadline: datetime | None, reopened_until: datetime | None,
                     now: datetime) -> DeadlinePassed:
    """The rule book's ``DeadlinePassed`` with the moment that passed, so the message
    can name it; nominations closed before any deadline passed say just that."""
    passed = [moment for moment in (year_deadline, reopened_until) if moment is not None and moment <= now]
    if not passed:
        return DeadlinePassed("errors.form.nominations_closed")
    return DeadlinePassed("errors.form.deadline_passed", deadline=max(passed))


def closing_moment(reach: NominationReach) -> datetime | None:
    """When the nomination stops taking changes (for "time left"), None when no deadline applies."""
    return edits_close_at(phase=reach.phase, year_deadline=reach.nomination_deadline,
                          reopened_until=reach.reopened_until)
