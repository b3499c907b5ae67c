"""The audit trail: one entry for every change of state, and the secretariat's reading of it.

Every service that changes stored data calls ``record_change`` once per change, in
the same transaction, with who acted, the object (``entity``, ``entity_id``), what
happened (``action``, e.g. ``nomination.submitted``) and the old and the new value.
Where the user is asked for a reason, it is part of the new value (``"reason"``).
``tests/test_audit_every_change.py`` holds every such change to exactly one entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import AuditEntry
from prize.permissions import Action, require
from prize.queries import audit as queries
from prize.queries.audit import AuditFilter

__all__ = ["AuditChoices", "AuditFilter", "audit_choices", "audit_trail", "candidate_history", "record_change"]


def record_change(session: Session, *, actor: Actor, action: str, entity: str,
                  entity_id: int | None, old: object = None, new: object = None) -> AuditEntry:
    """Append one entry to the audit log."""
    entry = AuditEntry(actor_id=actor.id, actor_label=actor.label, action=action, entity=entity,
                       entity_id=entity_id, old_value=_as_text(old), new_value=_as_text(new))
    session.add(entry)
    return entry


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


# --- Reading the trail ------------------------------------------------------------------------

@dataclass(frozen=True)
class AuditChoices:
    """What the trail can be filtered by: the users who acted and the candidates (id: name),
    and the kinds of object it names."""

    users: dict[int, str]
    object_types: tuple[str, ...]
    candidates: dict[int, str]


def audit_choices(session: Session, *, actor: Actor) -> AuditChoices:
    require(actor, Action.VIEW_AUDIT, phase=None)
    return AuditChoices(users=dict(queries.acting_users(session)), object_types=tuple(queries.object_types(session)),
                        candidates={nomination_id: f"{name} ({year})"
                                    for nomination_id, name, year in queries.candidates(session)})


def audit_trail(session: Session, *, actor: Actor, chosen: AuditFilter = AuditFilter()) -> pd.DataFrame:
    """The entries ``chosen`` lets through, newest first (``prize.queries.audit.AUDIT_COLUMNS``)."""
    require(actor, Action.VIEW_AUDIT, phase=None)
    return queries.audit_frame(session, chosen)


def candidate_history(session: Session, *, actor: Actor, nomination_id: int) -> pd.DataFrame:
    """Everything that happened to one candidate: its nomination, material, eligibility,
    conflicts, score sheets and scores, newest first."""
    return audit_trail(session, actor=actor, chosen=AuditFilter(nomination_id=nomination_id))
