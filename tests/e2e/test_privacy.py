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
