"""What nominators and village contacts see of their own nominations."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import NotAllowed
from prize.permissions import Action, require
from prize.queries.nominations import nominations_frame
from prize.roles import Role


def own_nominations(session: Session, *, actor: Actor, year_id: int) -> pd.DataFrame:
    """A nominator sees their body's nominations; a village contact only their own one."""
    require(actor.role, Action.VIEW_OWN_NOMINATIONS)
    if actor.role == Role.NOMINATOR:
        if actor.nominating_body_id is None:
            raise NotAllowed()
        return nominations_frame(session, year_id=year_id, body_id=actor.nominating_body_id)
    if actor.nomination_id is None:
        raise NotAllowed()
    return nominations_frame(session, year_id=year_id, nomination_id=actor.nomination_id)
