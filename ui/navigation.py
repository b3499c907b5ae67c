"""The menu of a role's pages, and keeping the page the browser asked for.

Streamlit knows a page by its URL path alone (its hash is the hash of the path).
So while nobody is logged in, the one page that holds the login form is
registered at the address the browser shows; after login, the role's page of
that address opens directly. No ``st.switch_page`` is needed, whose rerun would
drop the login cookie's component (streamlit-authenticator issue #179 is the
reload that otherwise lands on the default page).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from prize.actor import Actor
from prize.i18n import t_plain
from ui.context import locale, tr
from ui.registry import PAGES, PAGES_BY_KEY, PUBLIC_PAGES, pages_for

BROWSER_PATH_KEY = "browser_path"
# A page file's path from the app's folder: a page of pages/ served on its own (ui/guard.py)
# registers the holding pages too, and Streamlit reads a relative path from the running file.
_APP_FOLDER = Path(__file__).resolve().parents[1]


def start_session() -> None:
    """On a session's first run: keep the requested page's path and rerun once.

    After a server start, Streamlit runs the first session's first run through
    its old discovery of pages/ (until some run calls st.navigation); widgets
    drawn in that run get other ids than in every later run, so a login form
    drawn there would lose its first submit. One bare rerun avoids that.
    """
    if BROWSER_PATH_KEY in st.session_state:
        return
    requested = urlparse(st.context.url or "").path.strip("/")
    st.session_state[BROWSER_PATH_KEY] = requested if requested in PAGES_BY_KEY else ""
    st.navigation(holding_pages(_starting), position="hidden")
    st.rerun()


def _starting() -> None:
    """Never drawn: the session reruns before its first page."""


def holding_pages(body: Callable[[], None]) -> list[StreamlitPage]:
    """The pages while nobody is logged in: two drawn by ``body``, the default at
    "/" and, when the browser asked for a known page, one at that address; and the
    public pages (the accessibility statement), which show no stored data.

    Streamlit matches the address of a first request against each page's url_path,
    which is "" for the default page: a page holding an address must not be it.
    """
    title = tr("nav.login")
    pages = [st.Page(body, title=title, url_path="login", default=True)]
    if (requested := st.session_state.get(BROWSER_PATH_KEY)) in PAGES_BY_KEY:
        pages.append(st.Page(body, title=title, url_path=requested))
    return pages + public_pages()


def public_pages() -> list[StreamlitPage]:
    return [st.Page(_APP_FOLDER / spec.path, title=tr(spec.title_key), icon=spec.icon, url_path=spec.key)
            for spec in PUBLIC_PAGES]


def run_logged_out(body: Callable[[], None]) -> None:
    """Register only pages drawn by ``body`` (the login form, or why the app
    cannot start) and the public pages: no page file with data is reachable
    without login. The form lives in a registered page; drawn outside one, its
    first submit after a server start is lost to Streamlit's old page discovery."""
    current = st.navigation(holding_pages(body), position="hidden")
    set_browser_title(current.title)
    current.run()


def set_browser_title(page_name: str) -> None:
    """The browser's title of the page shown: "Bedømmelse · Landsbyprisen" (WCAG 2.4.2)."""
    st.set_page_config(page_title=t_plain("nav.browser_title", locale(), page=page_name))


def run_pages(actor: Actor) -> None:
    """Show the role's menu and run the page asked for. A known page the role may
    not open is registered hidden, with a notice, instead of Streamlit's own
    English "page not found"."""
    # config.toml hides the menu, so that Streamlit's old discovery of pages/
    # never lists the page files to a visitor who has not passed app.py; the
    # menu of a logged-in user's own pages is shown from here. The option is
    # process-wide, which is safe: once any run has called st.navigation (as
    # start_session does first), Streamlit never falls back to that discovery.
    st.set_option("client.showSidebarNavigation", True)
    allowed = {spec.key for spec in pages_for(actor)}
    pages = {spec.key: st.Page(spec.path, title=tr(spec.title_key_for(actor)), icon=spec.icon, url_path=spec.key)
             for spec in PAGES if spec.key in allowed}
    refusal = _refused_while_changing_password if actor.must_change_password else _refused
    pages |= {page.url_path: page for page in public_pages()}
    pages |= {spec.key: st.Page(refusal, title=tr(spec.title_key_for(actor)), url_path=spec.key, visibility="hidden")
              for spec in PAGES if spec.key not in allowed}
    # Every page listed: Streamlit folds a menu of more than 12 behind "View more" otherwise.
    current = st.navigation(list(pages.values()), expanded=True)
    st.session_state[BROWSER_PATH_KEY] = next(key for key, page in pages.items() if page is current)
    set_browser_title(current.title)
    current.run()


def _refused() -> None:
    st.error(tr("guard.wrong_role"), icon=":material/block:")


def _refused_while_changing_password() -> None:
    st.warning(tr("guard.change_password_first"), icon=":material/key:")
    st.page_link(PAGES_BY_KEY["profile"].path, label=tr("nav.profile"), icon=PAGES_BY_KEY["profile"].icon)
