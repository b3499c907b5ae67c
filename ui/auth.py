"""Logging in and out with streamlit-authenticator, whose cookie keeps a user
logged in across reloads. Create the ``Authenticate`` once per run, in app.py.

The app issues and checks the login cookie itself (``prize.login_tokens``):
the library's own check accepts a token for as long as it has not expired,
whatever happened since (logout, a new password, deactivation), and fails
with an exception page on a forged token (``alg: none``, another algorithm) or
a missing claim. So the library never reads the cookie (its ``logout`` flag is
kept set while nobody is logged in); it keeps the login state in the session
and writes and deletes the cookie through its cookie component.

This reaches into the library's and its cookie component's internals
(``authentication_controller``, ``cookie_controller.cookie_model.cookie_manager``);
pyproject.toml pins both to the versions this was written against.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st
import streamlit_authenticator as stauth

from prize.actor import Actor
from prize.i18n import LANGUAGE_COOKIE, LOCALES
from prize.login_tokens import issue_token, read_token
from prize.models.base import utcnow
from prize.services import auth as auth_service
from prize.services.auth import LoginDirectory
from prize.services.users import log_out
from prize.settings import Settings
from ui.context import LOCALE_KEY, db, show_error, tr

_COOKIE_WANTED_KEY = "login_cookie_wanted"
SESSION_VERSION_KEY = "login_session_version"
_REFUSED_TOKEN_KEY = "login_refused_token"
_LANGUAGE_WANTED_KEY = "language_cookie_wanted"
LANGUAGE_COOKIE_DAYS = 365
# The library sleeps this long in every logged-out run (0.7 s by default). It must
# stay above zero, or its cookie is never written; 0.1 s keeps the login page quick.
LOGIN_SLEEP_SECONDS = 0.1


def make_authenticator(settings: Settings, directory: LoginDirectory) -> stauth.Authenticate:
    return stauth.Authenticate(directory.credentials(), cookie_name=settings.cookie_name,
                               cookie_key=settings.cookie_key,
                               cookie_expiry_days=settings.cookie_expiry_days, auto_hash=False,
                               login_sleep_time=LOGIN_SLEEP_SECONDS)


def restore_actor(authenticator: stauth.Authenticate, directory: LoginDirectory,
                  settings: Settings) -> Actor | None:
    """The actor of this session, from its state or the login cookie; None when
    nobody is logged in, or when the login has ended since (logout elsewhere, a
    new password, deactivation): then the session ends and the cookie is deleted."""
    state = st.session_state
    if state.get("authentication_status"):
        username = state.get("username")
        if directory.is_current(username, state.get(SESSION_VERSION_KEY)):
            state.setdefault(LOCALE_KEY, directory.actors[username].locale)
            return directory.actors[username]
        _end_session(authenticator)
        return None
    state["logout"] = True  # the library must not read the cookie itself (see above)
    authenticator.login(location="unrendered")  # keeps the library's pre-login pause
    return _actor_from_cookie(authenticator, directory, settings)


def _actor_from_cookie(authenticator: stauth.Authenticate, directory: LoginDirectory,
                       settings: Settings) -> Actor | None:
    token = st.context.cookies.get(settings.cookie_name)
    if not token or st.session_state.get(_REFUSED_TOKEN_KEY) == token:
        return None
    claims = read_token(token, key=settings.cookie_key, now=utcnow())
    actor = directory.actor_for(claims)
    if actor is None:
        # The browser sends this cookie until the component has deleted it; the
        # session's cookies never change, so remember it was refused.
        st.session_state[_REFUSED_TOKEN_KEY] = token
        _want_no_cookie()
        return None
    _mark_logged_in(authenticator, actor, claims.session_version)
    return actor


def _mark_logged_in(authenticator: stauth.Authenticate, actor: Actor, session_version: int) -> None:
    authenticator.authentication_controller.login(token={"username": actor.username})
    st.session_state[SESSION_VERSION_KEY] = session_version
    st.session_state.setdefault(LOCALE_KEY, actor.locale)


def login_form(authenticator: stauth.Authenticate, settings: Settings) -> None:
    """Draw the Danish login form (below the page's title and the language); on the
    right password mark the session logged in and rerun, so the next run shows the
    role's pages and writes the cookie."""
    st.caption(tr("login.intro"))
    with st.form("login", clear_on_submit=False, enter_to_submit=False):
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
    _mark_logged_in(authenticator, attempt.actor, attempt.session_version)
    _want_cookie(attempt.actor, attempt.session_version, settings)
    st.rerun()


def renew_login(actor: Actor, session_version: int, settings: Settings) -> None:
    """After the user's own password change: keep this session, on the new version,
    with a new cookie (every older cookie is refused now)."""
    st.session_state[SESSION_VERSION_KEY] = session_version
    _want_cookie(actor, session_version, settings)


def _want_cookie(actor: Actor, session_version: int, settings: Settings) -> None:
    now = utcnow()
    valid_for = timedelta(days=settings.cookie_expiry_days)
    token = issue_token(username=actor.username, session_version=session_version, key=settings.cookie_key,
                        now=now, valid_for=valid_for)
    st.session_state[_COOKIE_WANTED_KEY] = (token, now + valid_for)


def _want_no_cookie() -> None:
    st.session_state[_COOKIE_WANTED_KEY] = None


def sync_cookie(authenticator: stauth.Authenticate, settings: Settings) -> None:
    """Write (or delete) the login cookie the session wants, through the cookie
    component. The component stays on the page in every run, not only in the run
    that asked for it: a run that follows too soon (the component's own first
    answer starts one) would take it off the page before the browser ran it,
    and the cookie would never be written or deleted."""
    if _COOKIE_WANTED_KEY not in st.session_state:
        return
    manager = _cookie_manager(authenticator)
    wanted = st.session_state[_COOKIE_WANTED_KEY]
    if wanted is None:
        # The component's delete() forgets the name afterwards and fails on an unknown one.
        manager.cookies.setdefault(settings.cookie_name, "")
        manager.delete(settings.cookie_name)
        return
    token, expires_at = wanted
    manager.set(settings.cookie_name, token, expires_at=expires_at)


def sync_language_cookie(authenticator: stauth.Authenticate, language: str, *, default: str) -> None:
    """Keep the language cookie equal to the session's language, so the server sends
    the next page load with ``<html lang>`` in it (web/headers.py). Nothing is drawn
    while the browser already gets that language (its cookie says so, or it has none
    and the language is the server's ``default``); once written, the component stays
    on the page in every run, for the reason ``sync_cookie`` gives."""
    sent = st.context.cookies.get(LANGUAGE_COOKIE)
    if _LANGUAGE_WANTED_KEY not in st.session_state and (sent if sent in LOCALES else default) == language:
        return
    st.session_state[_LANGUAGE_WANTED_KEY] = language
    _cookie_manager(authenticator).set(LANGUAGE_COOKIE, language, key="set_language", same_site="lax",
                                       expires_at=utcnow() + timedelta(days=LANGUAGE_COOKIE_DAYS))


def logout_button(authenticator: stauth.Authenticate, actor: Actor) -> bool:
    """Draw the logout button in the sidebar; True when the user just logged out.
    Logging out ends every login of the user, so a copied cookie opens nothing."""
    if not st.button(tr("nav.logout"), key="logout_button"):
        return False
    with db() as session:
        log_out(session, actor=actor)
    _end_session(authenticator)
    return True


def login_ended() -> bool:
    """Whether this session holds a login that has ended since app.py last checked it
    (a logout elsewhere, a new password, a deactivation). app.py checks the login at the
    start of every full run; a fragment's own rerun and a widget's callback run without
    app.py, so what changes data there asks this first. A session without a login has
    nothing to end (app.py shows it no page that changes data)."""
    state = st.session_state
    if not state.get("authentication_status"):
        return False
    with db() as session:
        return not auth_service.login_is_current(session, username=state.get("username"),
                                                 session_version=state.get(SESSION_VERSION_KEY))


def rerun_app_if_login_ended() -> None:
    """At the start of a fragment: once the login has ended, rerun the whole app, whose
    app.py ends the session and shows the login form."""
    if login_ended():
        st.rerun(scope="app")


def _end_session(authenticator: stauth.Authenticate) -> None:
    authenticator.authentication_controller.logout()
    st.session_state.pop(SESSION_VERSION_KEY, None)
    _want_no_cookie()


def _cookie_manager(authenticator: stauth.Authenticate):
    return authenticator.cookie_controller.cookie_model.cookie_manager
