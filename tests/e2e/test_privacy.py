"""The privacy page in a real browser: from the login page's link before login, at its own
address, and in the menu after login."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browser import expect_menu, expect_title, log_in, open_page, wait_until_settled

pytestmark = pytest.mark.browser

LINK = "Privatlivspolitik"
HEADINGS = ["Dataansvarlig", "Hvilke oplysninger vi gemmer", "Hvorfor vi behandler dem", "Hvor længe vi gemmer dem",
            "Dine rettigheder", "Kontakt"]


def test_a_visitor_follows_the_login_pages_link_to_the_privacy_page(server, new_context):
    page = open_page(new_context(), server)
    wait_until_settled(page)

    page.get_by_role("link", name=LINK).click()

    expect_title(page, "Privatlivspolitik")
    expect(page.get_by_role("heading", level=2)).to_have_text(HEADINGS)
    expect(page).to_have_url(re.compile(r"/privacy$"))


def test_a_visitor_opens_the_privacy_address_directly_and_a_juror_finds_it_in_the_menu(server, new_context):
    page = open_page(new_context(), server, "/privacy")

    expect_title(page, "Privatlivspolitik")
    page.goto(server.url("/"))
    log_in(page, "jury1")
    expect_menu(page, ["Bedømmelse", "Resultater", "Præsentationer", "Arkiv", "Min profil", "Landsbyprisens finalister",
                       "Privatlivspolitik", "Tilgængelighedserklæring"])
    page.locator('[data-testid="stSidebarNav"] a', has_text="Privatlivspolitik").click()
    expect_title(page, "Privatlivspolitik")


def test_no_page_of_the_secretariat_makes_the_browser_ask_a_third_party(server, new_context):
    """Every request stays on the app's own address: a font, an icon or a video fetched
    from elsewhere would hand the visitor's IP address to a third party."""
    context = new_context()
    elsewhere: list[str] = []
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:\d+/)"), lambda route: (elsewhere.append(route.request.url),
                                                                               route.abort()))
    page = open_page(context, server)
    log_in(page, "sekretariat")
    expect_title(page, "Årets forløb")
    links = page.locator('[data-testid="stSidebarNav"] a')
    addresses = [links.nth(index).get_attribute("href") for index in range(links.count())]

    for address in addresses:
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        wait_until_settled(page)

    assert len(addresses) == 20
    assert elsewhere == []
