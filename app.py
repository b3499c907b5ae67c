"""Landsbyprisen: the app's entry point. It checks the installation, logs the
visitor in and shows only the pages their role may open."""

from pathlib import Path

import streamlit as st

from prize.errors import InvalidSetting
from prize.services.auth import login_directory
from prize.services.startup import startup_problems
from ui import auth, navigation, sidebar, style
from ui.components import language, password_link, password_reset
from ui.context import ACTOR_KEY, db, engine, locale, settings, tr
from ui.registry import PUBLIC_PAGES

# The icon ships with the app: a Material icon name would make every visitor's browser
# fetch it from fonts.gstatic.com, a third party the region has no agreement with.
FAVICON = Path(__file__).parent / "ui" / "favicon.png"
st.set_page_config(page_title="Landsbyprisen", page_icon=str(FAVICON), layout="wide")


@st.cache_resource(show_spinner=False)
def _startup_passed(database_url: str, cookie_key: str, demo_mode: bool, file_limits: tuple[int, ...],
                    ) -> dict[str, bool]:
    """Remembers, per configuration, that the startup checks passed. A refusal is
    not remembered: it is checked again on the next request, e.g. after a fix."""
    return {"passed": False}


def _refusal(messages: list[str]) -> None:
    st.title(tr("startup.title"))
    for message in messages:
        st.error(message, icon=":material/error:")


def _refuse(messages: list[str]) -> None:
    """Serve only the page that says why the app cannot start."""
    navigation.run_logged_out(lambda: _refusal(messages))
    st.stop()


navigation.start_session()
style.apply()
try:
    config = settings()
except InvalidSetting as error:
    _refuse([error.message(locale())])
upload_cap = st.get_option("server.maxUploadSize")
startup = _startup_passed(config.database_url, config.cookie_key, config.demo_mode,
                          (config.max_document_mb, config.max_media_mb, upload_cap))
if not startup["passed"]:
    problems = startup_problems(config, engine(), max_upload_mb=upload_cap)
    if problems:
        _refuse([tr(key, **params) for key, params in problems])
    startup["passed"] = True
with db() as session:
    directory = login_directory(session)
authenticator = auth.make_authenticator(config, directory)
actor = auth.restore_actor(authenticator, directory, config)
if actor is not None and not sidebar.show(actor, authenticator, config):
    actor = None

auth.sync_cookie(authenticator, config)
auth.sync_language_cookie(authenticator, locale(), default=config.default_locale)

if actor is None:
    st.session_state.pop(ACTOR_KEY, None)

    def login_page() -> None:
        _, middle, _ = st.columns([1, 2, 1])
        with middle:
            if password_link.requested():  # its own page, with its own heading
                password_link.show(config)
                language.show(key="language_login")
                return
            st.title(tr("login.title"))
            language.show(key="language_login")
            auth.login_form(authenticator, config)
            password_reset.show(config, key="password_reset")
            for page in PUBLIC_PAGES:
                st.page_link(page.path, label=tr(page.title_key), icon=page.icon)

    navigation.run_logged_out(login_page)
else:
    st.session_state[ACTOR_KEY] = actor
    navigation.run_pages(actor)
