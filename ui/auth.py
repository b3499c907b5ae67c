"""Logging in and out with streamlit-authenticator, whose cookie keeps a user
logged in across reloads. Create the ``Authenticate`` once per run, in app.py."""

from __future__ import annotations

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from prize.actor import Actor
from prize.services import auth as auth_service
from prize.services.auth import LoginDirectory
from prize.settings import Settings
from ui.context import LOCALE_KEY, db, show_error, tr

_COOKIE_PENDING_KEY = "login_cookie_pending"
# The library sleeps this long in every logged-out run (0.7 s by default). It must
# stay above zero, or its cookie is never written; 0.1 s keeps the login page quick.
LOGIN_SLEEP_SECONDS = 0.1


def make_authenticator(settings: Settings, directory: LoginDirectory) -> stauth.Authenticate:
    return stauth.Authenticate(directory.credentials(), cookie_name=settings.cookie_name,
                               cookie_key=settings.cookie_key,
                               cookie_expiry_days=settings.cookie_expiry_days, auto_hash=False,
                               login_sleep_time=LOGIN_SLEEP_SECONDS)


def restore_actor(authenticator: stauth.Authenticate, directory: LoginDirectory) -> Actor | None:
    """The actor of this session, from its state or the login cookie; None when
    nobody is logged in or the user has been deactivated since."""
    try:
        authenticator.login(location="unrendered")
    except LoginError:  # a valid cookie for a user who is no longer active
        authenticator.logout(location="unrendered")
        return None
    username = st.session_state.get("username")
    if not st.session_state.get("authentication_status"):
        return None
    if username not in directory.actors:
        authenticator.logout(location="unrendered")
        return None
    st.session_state.setdefault(LOCALE_KEY, directory.actors[username].locale)
    return directory.actors[username]


def login_form(authenticator: stauth.Authenticate) -> None:
    """Draw the Danish login form; on the right password mark the session logged
    in and rerun, so the next run shows the role's pages and writes the cookie."""
    st.title(tr("login.title"))
    st.caption(tr("login.intro"))
    with st.form("login", clear_on_submit=False):
        username = st.text_input(tr("login.username"), autocomplete="username")
        password = st.text_input(tr("login.password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(tr("login.submit"), type="primary")
    if not submitted:
        return
    with db() as session:
        attempt = auth_service.attempt_login(session, username=username, password=password)
    if attempt.refusal is not None:
        show_error(attempt.refusal)
        return
    actor = attempt.actor
    authenticator.authentication_controller.login(token={"username": actor.username})
    st.session_state[_COOKIE_PENDING_KEY] = True
    st.session_state.setdefault(LOCALE_KEY, actor.locale)
    st.rerun()


def write_pending_cookie(authenticator: stauth.Authenticate) -> None:
    """Write the login cookie in the first run after login. Its component must
    stay on the page for the whole run, so this is never followed by a rerun."""
    if st.session_state.pop(_COOKIE_PENDING_KEY, False):
        authenticator.cookie_controller.set_cookie()


def logout_button(authenticator: stauth.Authenticate) -> bool:
    """Draw the logout button in the sidebar; True when the user just logged out."""
    authenticator.logout(button_name=tr("nav.logout"), location="sidebar", key="logout_button")
    return not st.session_state.get("authentication_status")
