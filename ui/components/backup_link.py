"""The secretariat's backup download: a button makes a short-lived link, tied to this
login, that the server streams the archive from (``/backup/<token>``)."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.errors import PrizeError
from prize.i18n import format_moment
from prize.models.base import utcnow
from prize.services.backup import backup_link
from ui.auth import SESSION_VERSION_KEY
from ui.context import locale, settings, show_error, tr


def show(actor: Actor, *, key: str) -> None:
    st.header(tr("operations.backup.heading"))
    st.markdown(tr("operations.backup.explain"))
    if st.button(tr("operations.backup.make_link"), key=f"{key}_make", icon=":material/link:"):
        try:
            st.session_state[f"{key}_link"] = backup_link(
                actor=actor, session_version=int(st.session_state.get(SESSION_VERSION_KEY) or 0),
                cookie_key=settings().cookie_key)
        except PrizeError as error:
            show_error(error)
            return
    link = st.session_state.get(f"{key}_link")
    if link is None or link.expires_at <= utcnow():
        return
    st.link_button(tr("operations.backup.download"), link.path, icon=":material/download:", type="primary")
    st.caption(tr("operations.backup.valid_until", until=format_moment(link.expires_at, locale())))
