"""Sessions that really end, in a real browser: a login cookie copied before a logout
or a password change opens nothing; forged or damaged cookies and a deactivated
user's leftover cookie give the login form, never an error page; stored text with
Markdown draws no image, link, formula or icon."""

from __future__ import annotations

import base64
import json
import re
import time

import jwt
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import COOKIE_KEY, COOKIE_NAME, AppServer
from tests.e2e.test_browser import (DEMO_PASSWORD, expect_title, log_in, logout_button, open_page,
                                    press_after_leaving, username_field,
                                    wait_for_login_cookie, wait_until_settled)

pytestmark = pytest.mark.browser

ERROR_PAGE = "This app has encountered an error"
NEW_PASSWORD = "Et-helt-nyt-kodeord-2020"


def login_cookie(context: BrowserContext) -> dict:
    return next(cookie for cookie in context.cookies() if cookie["name"] == COOKIE_NAME)


def with_cookie(context: BrowserContext, server: AppServer, value: str) -> BrowserContext:
    context.add_cookies([{"name": COOKIE_NAME, "value": value, "url": server.url("/")}])
    return context


def expect_login_form_only(page: Page) -> None:
    """The login form, settled, with no page of a user and no error page. While a run
    redraws the page, Streamlit may briefly show the old form beside the new one."""
    expect(username_field(page).first).to_be_visible()
    wait_until_settled(page)
    expect(username_field(page)).to_have_count(1)
    expect(logout_button(page)).to_have_count(0)
    expect(page.get_by_text(ERROR_PAGE)).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def logged_in(new_context, server: AppServer, username: str) -> tuple[BrowserContext, Page]:
    context = new_context()
    page = open_page(context, server)
    log_in(page, username)
    expect(logout_button(page)).to_be_visible()
    wait_for_login_cookie(context, present=True)
    return context, page


def test_a_cookie_copied_before_logout_opens_nothing_afterwards(server, new_context):
    context, page = logged_in(new_context, server, "kommune.samsoe")
    copied = login_cookie(context)["value"]

    logout_button(page).click()
    expect(username_field(page)).to_be_visible()
    # Replayed in another browser, as whoever copied it would: the first browser's
    # own cookie deletion (test_logout_ends_the_session) cannot race the replay.
    replayed = open_page(with_cookie(new_context(), server, copied), server, "/my_nominations")

    expect_login_form_only(replayed)


def test_a_cookie_put_back_in_the_same_browser_after_logout_opens_nothing_and_is_removed(server, new_context):
    context, page = logged_in(new_context, server, "kommune.samsoe")
    copied = login_cookie(context)["value"]
    logout_button(page).click()
    expect(username_field(page)).to_be_visible()
    wait_for_login_cookie(context, present=False)  # the logout's own deletion is done before the cookie returns

    with_cookie(context, server, copied)
    page.reload()

    expect_login_form_only(page)
    wait_for_login_cookie(context, present=False)


def test_a_cookie_from_before_a_password_change_in_another_browser_opens_nothing(server, new_context):
    first, first_page = logged_in(new_context, server, "jury2")
    copied = login_cookie(first)["value"]
    _second, second_page = logged_in(new_context, server, "jury2")

    second_page.goto(server.url("/profile"))
    expect_title(second_page, "Min profil")
    second_page.get_by_label("Nuværende adgangskode", exact=True).fill(DEMO_PASSWORD)
    second_page.get_by_label("Ny adgangskode", exact=True).fill(NEW_PASSWORD)
    repeated = second_page.get_by_label("Gentag ny adgangskode", exact=True)
    repeated.fill(NEW_PASSWORD)
    press_after_leaving(second_page, repeated, "Skift adgangskode")
    expect(second_page.get_by_text("Din adgangskode er skiftet.", exact=True)).to_be_visible()

    replayed = open_page(with_cookie(new_context(), server, copied), server, "/scoring")
    expect_login_form_only(replayed)
    first_page.reload()  # the first browser's own session ends too
    expect_login_form_only(first_page)
    second_page.reload()  # the browser that changed it keeps its new login
    expect_title(second_page, "Min profil")


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(username: str) -> dict:
    now = int(time.time())
    return {"sub": username, "ver": 0, "iat": now, "exp": now + 3600, "username": username,
            "exp_date": now + 3600.0}


FORGED = {
    "alg-none": lambda: f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims('sekretariat'))}.",
    "hs512": lambda: jwt.encode(_claims("sekretariat"), COOKIE_KEY * 3, algorithm="HS512"),
    "another-key": lambda: jwt.encode(_claims("sekretariat"), "not-the-servers-key-but-long-enough-for-hs256", algorithm="HS256"),
    "garbage": lambda: "garbage.ÆØÅ.%%%",
    "library-token-without-version": lambda: jwt.encode({"username": "sekretariat", "exp_date": time.time() + 3600},
                                                         COOKIE_KEY, algorithm="HS256"),
    "nul-in-username": lambda: jwt.encode(_claims("sekre\x00tariat"), COOKIE_KEY, algorithm="HS256"),
}


@pytest.mark.parametrize("forgery", list(FORGED))
def test_a_forged_or_damaged_cookie_gives_the_login_form(server, new_context, forgery):
    context = with_cookie(new_context(), server, FORGED[forgery]())

    page = open_page(context, server, "/users")

    expect_login_form_only(page)


def test_a_deactivated_users_leftover_cookie_gives_the_login_form_and_is_removed(server, new_context):
    context, page = logged_in(new_context, server, "jury4")
    server.cli("user", "deactivate", "jury4")

    page.reload()

    expect_login_form_only(page)
    wait_for_login_cookie(context, present=False)
    username_field(page).fill("jury5")  # someone else can log in on the shared PC
    page.get_by_label("Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect_title(page, "Bedømmelse")


def test_a_name_with_markdown_draws_no_image_link_formula_or_icon(server, new_context):
    output = server.cli("user", "add", "spor.test", "--name", "Spor ![x](http://127.0.0.1:9/x.png) "
                        "[l](http://x.example) $x^2$ www.x.example :material/home: <b>b</b>", "--role", "juror")
    one_time = re.search(r"Engangsadgangskode: ([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})$", output.strip()).group(1)
    page = open_page(new_context(), server)
    log_in(page, "spor.test", one_time)
    expect_title(page, "Min profil")
    wait_until_settled(page)

    sidebar_name = page.get_by_test_id("stSidebar").locator("strong").first
    drawn = sidebar_name.evaluate(
        "el => el.querySelectorAll('img, a, b, .katex, [data-testid=stIconMaterial]').length")
    assert (sidebar_name.inner_text().replace("\u2060", ""), drawn) == (
        "Spor ![x](http://127.0.0.1:9/x.png) [l](http://x.example) $x^2$ www.x.example :material/home: <b>b</b>", 0)
