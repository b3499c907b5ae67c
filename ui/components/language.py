"""The language switch: Danish by default, English on request."""

from __future__ import annotations

import streamlit as st

from prize.actor import Actor
from prize.i18n import LOCALES
from prize.services.users import set_locale
from ui.context import LOCALE_KEY, db, locale, tr

NAMES = {"da": "Dansk", "en": "English"}


def show(*, key: str, actor: Actor | None = None) -> None:
    current = locale()
    choice = st.selectbox(tr("common.language"), LOCALES, index=LOCALES.index(current),
                          format_func=NAMES.__getitem__, key=key, placeholder=tr("common.choose"))
    if choice == current:
        return
    st.session_state[LOCALE_KEY] = choice
    if actor is not None:
        with db() as session:
            set_locale(session, actor=actor, locale=choice)
    st.rerun()
