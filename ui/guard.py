"""The first line of every page: stop unless a logged-in user with the right role is here.

Streamlit may serve a file in ``pages/`` to the first visitor after a server
start without running app.py (its old page discovery), so a page cannot rely
on app.py's menu alone.
"""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from ui.context import current_actor, tr
from ui.registry import PAGES_BY_KEY


def require_page(key: str) -> Actor:
    """The actor allowed on page ``key``; otherwise a notice and ``st.stop()``."""
    actor = current_actor()
    page = PAGES_BY_KEY[key]
    if actor is None:
        st.warning(tr("guard.login_required"), icon=":material/lock:")
        st.markdown(f"[{tr('guard.to_login')}](/)")
        st.stop()
    if not page.allows(actor.role) or (actor.must_change_password and key != "profile"):
        st.error(tr("guard.wrong_role"), icon=":material/block:")
        st.stop()
    return actor
