"""«Glemt adgangskode?» on the login page: a user asks for a link to choose a new
password. The answer is the same whether or not the address belongs to a user."""

from __future__ import annotations

import time

import streamlit as st

from prize.errors import PrizeError
from prize.mail.links import MailLinks
from prize.services.password_links import RESET_ANSWER_SECONDS, request_password_reset
from prize.settings import Settings
from ui.context import db, show_error, tr


def show(settings: Settings, *, key: str) -> None:
    with st.expander(tr("password_link.reset.heading"), icon=":material/lock_reset:"):
        st.caption(tr("password_link.reset.intro"))
        with st.form(key, clear_on_submit=True, enter_to_submit=False):
            email = st.text_input(tr("password_link.reset.email"), max_chars=254, autocomplete="email")
            submitted = st.form_submit_button(tr("password_link.reset.submit"))
        if not submitted:
            return
        started = time.monotonic()
        try:
            with db() as session:
                request_password_reset(session, email=email, links=MailLinks.of(settings))
        except PrizeError as error:
            show_error(error)
            return
        time.sleep(max(RESET_ANSWER_SECONDS - (time.monotonic() - started), 0))  # see RESET_ANSWER_SECONDS
        st.info(tr("password_link.reset.answer"), icon=":material/mail:")
