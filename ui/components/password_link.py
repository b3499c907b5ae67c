"""The public page a password link opens (``/?adgang=<token>``): the user of a
valid link chooses their password; any other link gets one and the same notice.
Drawn by app.py instead of the login form while nobody is logged in."""

from __future__ import annotations

import streamlit as st

from prize.errors import PrizeError
from prize.password_links import QUERY_PARAMETER, link_key
from prize.services.password_links import password_link_holder, set_password_by_link
from prize.settings import Settings
from ui.context import db, show_error, tr

_DONE_KEY = "password_link_done"


def requested() -> bool:
    """True when the visitor came by a password link (or has just used one)."""
    return QUERY_PARAMETER in st.query_params or _DONE_KEY in st.session_state


def show(settings: Settings) -> None:
    st.title(tr("password_link.title"))
    if _DONE_KEY in st.session_state:
        st.success(tr("password_link.done", username=st.session_state[_DONE_KEY]), icon=":material/key:")
        st.button(tr("password_link.to_login"), key="password_link_login", on_click=_to_login, type="primary")
        return
    token = st.query_params.get(QUERY_PARAMETER)
    key = link_key(settings.cookie_key)
    with db() as session:
        holder = password_link_holder(session, token=token, key=key)
    if holder is None:
        st.error(tr("password_link.invalid"), icon=":material/link_off:")
        st.button(tr("password_link.to_login"), key="password_link_login", on_click=_to_login)
        return
    st.markdown(tr("password_link.greeting", username=holder.username, name=holder.name))
    with st.form("password_link", enter_to_submit=False):
        new = st.text_input(tr("password_link.new"), type="password", autocomplete="new-password",
                            help=tr("password_link.help"))
        repeat = st.text_input(tr("password_link.repeat"), type="password", autocomplete="new-password")
        submitted = st.form_submit_button(tr("password_link.submit"), type="primary")
    if not submitted:
        return
    try:
        with db() as session:
            username = set_password_by_link(session, token=token, key=key, new=new, repeat=repeat,
                                            bcrypt_rounds=settings.bcrypt_rounds)
    except PrizeError as error:
        show_error(error)
        return
    st.session_state[_DONE_KEY] = username
    st.query_params.clear()  # the spent token leaves the address bar
    st.rerun()


def _to_login() -> None:
    st.session_state.pop(_DONE_KEY, None)
    st.query_params.clear()
