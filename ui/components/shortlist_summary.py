"""The confirmed shortlist: the finalists, who confirmed them and when, and whether and
why the list differs from the proposal."""

from __future__ import annotations

import streamlit as st

from prize.i18n import format_moment
from prize.services.shortlist import ConfirmedShortlist
from ui.components.table import literal
from ui.context import locale, plain_block, tr


def show(confirmed: ConfirmedShortlist, *, key: str) -> None:
    with st.container(key=key):
        st.header(tr("shortlist.confirmed_heading"))
        finalists = confirmed.finalists[["position", "candidate"]].rename(columns={
            "position": tr("shortlist.col.position"), "candidate": tr("shortlist.col.candidate")})
        st.table(literal(finalists.set_index(tr("shortlist.col.position"))))
        st.markdown(tr("shortlist.confirmed_line", confirmed_at=format_moment(confirmed.confirmed_at, locale()),
                       by=confirmed.confirmed_by))
        if confirmed.changed:
            st.markdown(tr("shortlist.confirmed_changed"))
        if confirmed.tie_resolved:
            st.markdown(tr("shortlist.confirmed_tie"))
        if not (confirmed.changed or confirmed.tie_resolved):
            st.markdown(tr("shortlist.confirmed_as_proposed"))
        if confirmed.justification:
            st.markdown(tr("shortlist.confirmed_reason"))
            st.markdown(plain_block(confirmed.justification))
