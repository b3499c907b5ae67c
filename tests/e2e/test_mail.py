"""E-mail in the browser: a user who forgot their password asks for a link on the
login page, the server's own sender delivers it to a real SMTP server on 127.0.0.1,
and the link lets the user choose a new password and log in with it."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import running_server
from tests.e2e.test_browser import expect_text, expect_title, log_in, open_page, press_after_leaving, wait_until_settled
from tests.mail_server import PUBLIC_URL

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Henriks-egen-2020"
ANSWER = ("Tak. Hører adressen til en bruger i Landsbyprisen, er der nu sendt en mail med et link til at vælge en "
          "ny adgangskode. Kommer der ingen mail, så kontakt sekretariatet.")


@pytest.fixture
def mailing_server(browser, tmp_path, mail_server):
    """A server of the test's own that sends through ``mail_server``."""
    with running_server(tmp_path, settings=mail_server.environment()) as app_server:
        yield app_server


def test_a_forgotten_password_is_replaced_through_the_emailed_link(mailing_server, mail_server, new_context):
    page = open_page(new_context(), mailing_server)
    wait_until_settled(page)
    page.get_by_text("Glemt adgangskode?", exact=True).click()
    address = page.get_by_label("E-mail", exact=True)
    address.fill("henrik.lund@example.dk")
    press_after_leaving(page, address, "Send link")
    expect_text(page, ANSWER)

    assert mail_server.wait_for(1, timeout=60) is True
    [received] = mail_server.received
    link = re.search(r"https?://\S+", received.message.get_content()).group(0)
    assert (received.rcpt_tos, received.message["Subject"], link.startswith(f"{PUBLIC_URL}/?adgang=")) == (
        ("henrik.lund@example.dk",), "Ny adgangskode til Landsbyprisen", True)

    page.goto(mailing_server.url(f"/?{urlparse(link).query}"))
    expect_title(page, "Vælg adgangskode")
    page.get_by_label("Ny adgangskode", exact=True).fill(NEW_PASSWORD)
    repeated = page.get_by_label("Gentag ny adgangskode", exact=True)
    repeated.fill(NEW_PASSWORD)
    press_after_leaving(page, repeated, "Gem adgangskode")
    expect_text(page, "Din adgangskode er gemt. Log ind med brugernavnet «jury1».")
    page.get_by_role("button", name="Til login", exact=True).click()

    log_in(page, "jury1", NEW_PASSWORD)
    expect_title(page, "Bedømmelse")
    expect(page.get_by_role("button", name="Log ud", exact=True)).to_be_visible()
