"""The app in a real browser: who sees which pages, logging in and out, deep links.

Streamlit draws a page after a websocket round trip and may run the script more
than once per visit, so the tests wait for text and elements to appear, never
for a fixed time.
"""

from __future__ import annotations

import json
import re
import time
from urllib.parse import urlparse

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import COOKIE_NAME, REPO_ROOT, AppServer, running_server

pytestmark = pytest.mark.browser

DEMO = json.loads((REPO_ROOT / "data" / "demo" / "year.json").read_text(encoding="utf-8"))
DEMO_PASSWORD = DEMO["demo_password"]
NOMINATION_NAMES = [nomination["name"] for nomination in DEMO["nominations"]]
USER_NAMES = {user["username"]: user["name"] for user in DEMO["users"]}
PAGE_PATHS = ["/overview", "/users", "/scoring", "/my_nominations", "/profile"]

GUARD_NOTICE = "Du skal være logget ind for at se denne side."
WRONG_ROLE = "Din rolle giver ikke adgang til denne side."
CHANGE_PASSWORD_FIRST = "Vælg din egen adgangskode under «Min profil», før du går videre."
WRONG_LOGIN = "Forkert brugernavn eller adgangskode."
PASSWORD_TOO_LONG = "Adgangskoden er for lang: højst 72 tegn, og æ, ø og å tæller som to tegn hver."
MUST_CHANGE = "Du er logget ind med en engangsadgangskode. Vælg din egen adgangskode, før du går videre."
PASSWORD_CHANGED = "Din adgangskode er skiftet."
# The accessibility statement closes every menu.
STATEMENT = "Tilgængelighedserklæring"
PRIVACY = "Privatlivspolitik"
SCORING_TEXTS = ["Du har indsendt", "Du ser kun dine egne bedømmelser"]

# A menu link renders as <a><span>icon name</span><span label="Title"><div
# data-testid="stMarkdownContainer"><p>Title</p></div></span></a>, so its
# inner text is "grading\n\nBedømmelse"; the title alone is in the markdown container.
NAV_TITLES = '[data-testid="stSidebarNav"] a [data-testid="stMarkdownContainer"]'
SIDEBAR_NAV = '[data-testid="stSidebarNav"]'
# The app root says whether a script run is going on; data-test-* are Streamlit's test hooks.
SETTLED_FOR = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED';
    if (!idle) { window.__e2eIdleSince = undefined; return false; }
    window.__e2eIdleSince = window.__e2eIdleSince ?? performance.now();
    return performance.now() - window.__e2eIdleSince >= quietMs;
}"""
COOKIE_TIMEOUT_S = 60
URL_TIMEOUT_MS = 30_000


# --- Helpers --------------------------------------------------------------------------------

def open_page(context: BrowserContext, server: AppServer, path: str = "/") -> Page:
    page = context.new_page()
    page.add_locator_handler(page.get_by_role("dialog").filter(has_text="Page not found"),
                             refuse_page_not_found)
    page.goto(server.url(path))
    return page


def refuse_page_not_found(dialog: Locator) -> None:
    """The app registers every known address in every state (logged out, each
    role), so Streamlit's English "Page not found" modal must never show."""
    raise AssertionError(f"Streamlit showed 'Page not found' on {dialog.page.url}")


def wait_until_settled(page: Page, *, quiet_ms: int = 500) -> None:
    """Until no script run has been going on for ``quiet_ms``: a page load runs
    the script again when the cookie component has loaded."""
    page.wait_for_function(SETTLED_FOR, arg=quiet_ms, polling=100)


def username_field(page: Page) -> Locator:
    return page.get_by_label("Brugernavn", exact=True)


def press_after_leaving(page: Page, field: Locator, button: str) -> None:
    """Leave ``field`` before pressing the form's ``button``, as a person moving to the
    button does: a form takes in a field's value when the field loses focus, and a press
    that lands while it does so was seen to be lost on a busy machine."""
    field.blur()
    page.get_by_role("button", name=button, exact=True).click()


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the select box ``label`` by typing it, with the page in front:
    a page of another browser context lies behind, and a hidden page draws no option list."""
    page.bring_to_front()
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
    box.press("Enter")


def log_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    expect(username_field(page)).to_be_editable()
    wait_until_settled(page)
    username_field(page).fill(username)
    password_field = page.get_by_label("Adgangskode", exact=True)
    password_field.fill(password)
    press_after_leaving(page, password_field, "Log ind")


def log_in_at(context: BrowserContext, server: AppServer, path: str, username: str, title: str) -> Page:
    """A new page at ``path``, logged in as ``username``, on the page ``title``, once the login has settled."""
    page = open_page(context, server, path)
    log_in(page, username)
    expect_title(page, title)
    wait_for_login_cookie(context, present=True)
    # The cookie component's own answers rerun the page for a while after a login.
    wait_until_settled(page, quiet_ms=2000)
    return page


def logout_button(page: Page) -> Locator:
    return page.get_by_role("button", name="Log ud", exact=True)


def expect_title(page: Page, title: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text([title])


def expect_text(page: Page, text: str) -> None:
    """``text`` shown once; while a run redraws the page, the old copy may linger."""
    found = page.get_by_text(text, exact=True)
    expect(found).to_have_count(1)
    expect(found).to_be_visible()


def expect_menu(page: Page, titles: list[str]) -> None:
    """The whole menu: ui/navigation.py keeps it expanded (Streamlit would hide all but ten of a long one)."""
    expect(page.locator(NAV_TITLES)).to_have_text(titles)


def everything_on(page: Page) -> str:
    """The page's visible text and its whole DOM: a table's cells are drawn on a
    canvas and appear only in the DOM's hidden accessible table."""
    return page.locator("body").inner_text() + "\n" + page.content()


def wait_for_login_cookie(context: BrowserContext, *, present: bool) -> None:
    """Until the login cookie is there (or gone): the browser writes it from a
    component after the run that logged the user in (or out). Polls the browser's
    cookies; the limit only ends a test whose cookie never comes."""
    deadline = time.monotonic() + COOKIE_TIMEOUT_S
    while (COOKIE_NAME in {cookie["name"] for cookie in context.cookies()}) != present:
        if time.monotonic() > deadline:
            state = "written" if present else "deleted"
            pytest.fail(f"the cookie {COOKIE_NAME} was not {state} within {COOKIE_TIMEOUT_S} s")
        time.sleep(0.1)


def login_form_or_guard(page: Page) -> set[str]:
    """Which of the two a logged-out visitor is shown, once the page has settled."""
    form, guard = username_field(page), page.get_by_text(GUARD_NOTICE, exact=True)
    expect(form.or_(guard).first).to_be_visible()
    wait_until_settled(page)
    return {name for name, locator in (("login form", form), ("guard notice", guard))
            if any(match.is_visible() for match in locator.all())}


# --- Tests ----------------------------------------------------------------------------------

def test_first_visitor_deep_links_see_no_protected_data(fresh_server, new_context):
    protected = NOMINATION_NAMES + list(USER_NAMES) + list(USER_NAMES.values()) + ["Bedømt i 1. runde"]
    visits = PAGE_PATHS + PAGE_PATHS  # nobody opens "/" in between

    seen = []
    for path in visits:
        page = open_page(new_context(), fresh_server, path)
        shown = login_form_or_guard(page)
        content = everything_on(page)
        menu = " ".join(page.locator(SIDEBAR_NAV).all_inner_texts()).strip()
        leaked = [text for text in protected if text in content]
        seen.append((path, shown in ({"login form"}, {"guard notice"}), leaked, menu))

    assert len(NOMINATION_NAMES) == 13
    assert seen == [(path, True, [], "") for path in visits]


def names_except(username: str) -> list[str]:
    return [name for other, name in USER_NAMES.items() if other != username]


PUBLIC = "Landsbyprisens finalister"  # the public finalists page, in every role's menu
ROLES = [
    pytest.param("sekretariat", ["Årets forløb", "Indstillinger", "Juryens arbejde", "Resultater", "Finalister",
                                 "Videoer", "Præsentationer", "Indstilling", "Rådets beslutning", "Arkiv",
                                 "Årets opsætning", "Indstillere", "Brugere", "Revisionsspor", "Drift", "Udgående post",
                                 "Min profil", PUBLIC, PRIVACY, STATEMENT], "Årets forløb", "/scoring",
                 SCORING_TEXTS, id="secretariat-opens-scoring"),
    pytest.param("lag.randers", ["Mine indstillinger", "Min profil", PUBLIC, PRIVACY, STATEMENT], "Mine indstillinger",
                 "/users", names_except("lag.randers"), id="nominator-opens-users"),
    pytest.param("ildsjael", ["Vores ansøgning", "Min profil", PUBLIC, PRIVACY, STATEMENT], "Vores ansøgning",
                 "/overview", ["Bedømt i 1. runde", *names_except("ildsjael")], id="village-opens-overview"),
    pytest.param("jury1", ["Bedømmelse", "Resultater", "Præsentationer", "Arkiv", "Min profil", PUBLIC, PRIVACY,
                           STATEMENT],
                 "Bedømmelse", "/users",
                 names_except("jury1"), id="juror-opens-users"),
]


@pytest.mark.parametrize(("username", "menu", "home_title", "foreign_path", "foreign_texts"), ROLES)
def test_each_role_sees_only_its_pages(server, new_context, username, menu, home_title, foreign_path,
                                       foreign_texts):
    context = new_context()
    page = open_page(context, server)
    log_in(page, username)
    expect_menu(page, menu)
    expect_title(page, home_title)
    wait_for_login_cookie(context, present=True)

    page.goto(server.url(foreign_path))

    expect_text(page, WRONG_ROLE)
    expect_menu(page, menu)
    wait_until_settled(page)
    content = everything_on(page)
    assert [text for text in foreign_texts if text in content] == []


def test_reload_keeps_user_logged_in(server, new_context):
    context = new_context()
    page = open_page(context, server)
    log_in(page, "jury1")
    expect_title(page, "Bedømmelse")
    wait_for_login_cookie(context, present=True)

    page.reload()

    expect_title(page, "Bedømmelse")
    expect(logout_button(page)).to_be_visible()
    wait_until_settled(page)
    expect(username_field(page)).to_have_count(0)


def test_deep_link_while_logged_in_opens_the_page(server, new_context):
    context = new_context()
    page = open_page(context, server)
    log_in(page, "jury1")
    expect_title(page, "Bedømmelse")
    wait_for_login_cookie(context, present=True)

    page.goto(server.url("/profile"))

    expect_title(page, "Min profil")
    expect(username_field(page)).to_have_count(0)


# Streamlit gives a role's first page, its default, the address "/".
@pytest.mark.parametrize(("username", "path", "title", "final_path"), [
    pytest.param("jury1", "/scoring", "Bedømmelse", "/", id="juror-scoring-is-home"),
    pytest.param("jury1", "/profile", "Min profil", "/profile", id="juror-profile"),
    pytest.param("sekretariat", "/users", "Brugere", "/users", id="secretariat-users"),
])
def test_deep_link_returns_after_login(server, new_context, username, path, title, final_path):
    page = open_page(new_context(), server, path)
    expect(username_field(page)).to_be_visible()

    log_in(page, username)

    expect_title(page, title)
    # The address follows the page within a second or two.
    expect(page).to_have_url(re.compile(re.escape(server.url(final_path)) + "$"), timeout=URL_TIMEOUT_MS)
    assert urlparse(page.url).path == final_path


def test_deep_link_login_keeps_user_logged_in_after_reload(server, new_context):
    context = new_context()
    page = open_page(context, server, "/users")
    log_in(page, "sekretariat")
    expect_title(page, "Brugere")

    wait_for_login_cookie(context, present=True)
    page.reload()

    expect_title(page, "Brugere")
    expect(logout_button(page)).to_be_visible()


def test_logout_ends_the_session(server, new_context):
    context = new_context()
    page = open_page(context, server)
    log_in(page, "sekretariat")
    expect(logout_button(page)).to_be_visible()
    wait_for_login_cookie(context, present=True)

    logout_button(page).click()

    expect(username_field(page)).to_be_visible()
    wait_for_login_cookie(context, present=False)
    page.reload()
    expect(username_field(page)).to_be_visible()
    wait_until_settled(page)
    expect(logout_button(page)).to_have_count(0)
    expect(page.locator(NAV_TITLES)).to_have_count(0)


@pytest.mark.parametrize(("password", "message"), [
    pytest.param("Landsby-2021", WRONG_LOGIN, id="wrong-password"),
    pytest.param("a" + "æ" * 36, PASSWORD_TOO_LONG, id="73-bytes"),  # æ is two bytes in UTF-8
])
def test_login_errors_in_danish(server, new_context, password, message):
    page = open_page(new_context(), server)

    log_in(page, "kommune.samsoe", password)

    expect_text(page, message)
    expect(logout_button(page)).to_have_count(0)


def test_one_time_password_must_be_changed(server, new_context):
    output = server.cli("user", "add", "testjury", "--name", "Test Jury", "--role", "juror")
    one_time = re.search(r"Engangsadgangskode: ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})$", output.strip())
    assert one_time is not None, output
    context = new_context()
    page = open_page(context, server)

    log_in(page, "testjury", one_time.group(1))

    # Until the password is changed, the profile and the public statement are all there is.
    expect_title(page, "Min profil")
    expect_text(page, MUST_CHANGE)
    expect(logout_button(page)).to_be_visible()
    wait_until_settled(page)
    expect_menu(page, ["Min profil", PUBLIC, PRIVACY, STATEMENT])
    wait_for_login_cookie(context, present=True)
    page.goto(server.url("/scoring"))
    expect_text(page, CHANGE_PASSWORD_FIRST)
    wait_until_settled(page)
    expect_menu(page, ["Min profil", PUBLIC, PRIVACY, STATEMENT])
    page.get_by_test_id("stMain").get_by_role("link", name="Min profil").click()  # the notice's link, not the menu's
    expect_title(page, "Min profil")

    page.get_by_label("Nuværende adgangskode", exact=True).fill(one_time.group(1))
    page.get_by_label("Ny adgangskode", exact=True).fill("Testjuryens-egen-2020")
    repeated = page.get_by_label("Gentag ny adgangskode", exact=True)
    repeated.fill("Testjuryens-egen-2020")
    press_after_leaving(page, repeated, "Skift adgangskode")

    expect_text(page, PASSWORD_CHANGED)
    expect_menu(page, ["Bedømmelse", "Resultater", "Præsentationer", "Arkiv", "Min profil", PUBLIC, PRIVACY,
                       STATEMENT])
    expect(page.get_by_text(MUST_CHANGE, exact=True)).to_have_count(0)


def test_a_bookmark_opens_for_a_logged_in_user_right_after_a_server_start(fresh_server, new_context, tmp_path):
    context = new_context()
    page = open_page(context, fresh_server)
    log_in(page, "sekretariat")
    expect_title(page, "Årets forløb")
    wait_for_login_cookie(context, present=True)  # cookies are per host, so the new server gets it too

    with running_server(tmp_path, load_demo=False, log_name="restarted.log") as restarted:
        page.goto(restarted.url("/users"))

        expect_title(page, "Brugere")
        expect(logout_button(page)).to_be_visible()
        expect(page.get_by_text(GUARD_NOTICE, exact=True)).to_have_count(0)
