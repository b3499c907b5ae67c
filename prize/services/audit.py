from __future__ import annotations

import json

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import AuditEntry


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
