"""A user's own data as a JSON file, made when they click (the export is audited then)."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.services.personal_data import as_json, export_own_data
from ui.context import db, tr


def show(actor: Actor, *, key: str) -> None:
    st.subheader(tr("privacy.own.heading"))
    st.caption(tr("privacy.own.intro"))
    st.download_button(tr("privacy.own.download"), data=lambda: _export(actor), file_name="mine-oplysninger.json",
                       mime="application/json", key=f"{key}_download", icon=":material/download:")


def _export(actor: Actor) -> bytes:
    with db() as session:
        return as_json(export_own_data(session, actor=actor))
