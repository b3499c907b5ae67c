"""What the sidebar shows a logged-in user: who they are, the language, logout."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth

from prize.actor import Actor
from prize.settings import Settings
from ui.auth import logout_button
from ui.components import language
from ui.context import tr


def show(actor: Actor, authenticator: stauth.Authenticate, settings: Settings) -> bool:
    """Draw the sidebar; False when the user pressed logout."""
    with st.sidebar:
        st.markdown(tr("common.who", name=actor.name, role=tr(f"labels.role.{actor.role.value}")))
        language.show(key="language_sidebar", actor=actor)
        if settings.demo_mode:
            st.caption(tr("common.demo_banner"))
        return not logout_button(authenticator, actor)
