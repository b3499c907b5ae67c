"""A candidate's own history from the audit trail: its nomination, material, eligibility,
conflicts, score sheets and scores, newest first. Nothing is drawn while there is none."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.services.audit import candidate_history
from ui.components import audit_table
from ui.context import db, show_error, tr


def show(actor: Actor, *, nomination_id: int, key: str) -> None:
    try:
        with db() as session:
            frame = candidate_history(session, actor=actor, nomination_id=nomination_id)
    except PrizeError as error:
        show_error(error)
        return
    if frame.empty:
        return
    with st.expander(tr("audit.history_heading", count=len(frame)), icon=":material/history:"):
        audit_table.show(frame, key=key)
