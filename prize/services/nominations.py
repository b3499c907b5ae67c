"""What nominators and village contacts see of their own nominations."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.permissions import Action, NominationTarget, can, require
from prize.queries.nominations import nominations_in_reach_frame


def own_nominations(session: Session, *, actor: Actor, year_id: int) -> pd.DataFrame:
    """The nominations the actor may see: a nominator their body's, a village
    contact only their own one. The query narrows the rows to the actor's body or
    nomination; the rule book decides for each row."""
    require(actor, Action.VIEW_OWN_NOMINATIONS, phase=None)
    frame = nominations_in_reach_frame(session, year_id=year_id, body_id=actor.nominating_body_id,
                                       nomination_id=actor.nomination_id)
    visible = [can(actor, Action.VIEW_NOMINATION, phase=None,
                   target=NominationTarget(nomination_id=int(row.id), nominating_body_id=int(row.nominating_body_id)))
               for row in frame.itertuples()]
    return frame.loc[pd.Series(visible, index=frame.index, dtype=bool)].reset_index(drop=True)
