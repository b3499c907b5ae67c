"""WCAG 2.1 AA in a real browser: axe-core on the login page, the public pages and
every page of every role, on a screen and on a phone; the browser's title, the
page's language and its headings; the phone's menu; and the keyboard alone.

The pages come from ui/registry.py, so a page added there is checked here
without editing this file. axe-core is the copy bundled in axe-playwright-python.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from prize.actor import Actor
from prize.i18n import LANGUAGE_COOKIE, t_plain
from prize.roles import Role
from tests.e2e.conftest import AppServer
from tests.e2e.test_browser import (DEMO, choose, log_in, open_page, username_field, wait_for_login_cookie,
                                    wait_until_settled)
from ui.accessibility import KNOWN_ISSUES
from ui.registry import PUBLIC_PAGES, pages_for

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
SCREEN = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# One demo user of each role (the first in data/demo/year.json).
USERS = {Role(role): next(user for user in DEMO["users"] if user["role"] == role)
         for role in ("secretariat", "juror", "nominator", "village")}

# The nodes axe-core reports, less those the known issues name: run in the page.
UNEXCUSED = """([violations, known]) => violations.flatMap(violation => violation.nodes
    .filter(node => {
        const element = document.querySelector(node.target[0]);
        return !known.some(([rule, selector]) => rule === violation.id && element && element.closest(selector));
    })
    .map(node => `${violation.id}: ${node.target.join(' ')}`))"""
HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(heading => !heading.closest('[data-testid="stSidebar"]'))
    .map(heading => [Number(heading.tagName[1]), heading.innerText.trim()])"""


def _actor(role: Role) -> Actor:
    user = USERS[role]
    return Actor(id=None, username=user["username"], name=user["name"], role=role)


def page_names(role: Role) -> list[tuple[str, str]]:
    """(address, name in the menu) of every page the role may open, and the public pages."""
    actor = _actor(role)
    return ([(f"/{spec.key}", t_plain(spec.title_key_for(actor), "da")) for spec in pages_for(actor)]
            + [(f"/{spec.key}", t_plain(spec.title_key, "da")) for spec in PUBLIC_PAGES])


def open_settled(page: Page, server: AppServer, path: str) -> None:
    page.goto(server.url(path))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    wait_until_settled(page, quiet_ms=1000)


def _problems(page: Page, name: str) -> list[str]:
    """Everything this page breaks: axe-core's violations outside the known issues,
    and the title, language and heading rules of README's accessibility section."""
    results = Axe().run(page, options=WCAG_AA).response
    found = page.evaluate(UNEXCUSED, [results["violations"], [[issue.rule, issue.element] for issue in KNOWN_ISSUES]])
    headings = page.evaluate(HEADINGS)
    levels = [level for level, _ in headings]
    if page.title() != f"{name} · Landsbyprisen":
        found.append(f"browser title {page.title()!r}")
    if page.evaluate("document.documentElement.lang") != "da":
        found.append("lang is not da")
    if [text for level, text in headings if level == 1] != [name]:
        found.append(f"H1s {[text for level, text in headings if level == 1]}")
    found += [f"heading level skipped before {text!r}" for (before, _), (level, text)
              in zip(headings, headings[1:]) if level > before + 1]
    return [f"{name}: {problem}" for problem in found] if levels else [f"{name}: no headings"]


@pytest.mark.parametrize("viewport", [SCREEN, PHONE], ids=["screen", "phone"])
def test_the_login_page_and_the_public_pages_break_no_wcag_aa_rule(server, browser, viewport):
    context = browser.new_context(locale="da-DK", viewport=viewport)
    try:
        page = open_page(context, server, "/")
        expect(page.get_by_label("Brugernavn", exact=True)).to_be_visible()
        wait_until_settled(page, quiet_ms=1000)
        problems = _problems(page, "Log ind")
        for path, name in [(f"/{spec.key}", t_plain(spec.title_key, "da")) for spec in PUBLIC_PAGES]:
            open_settled(page, server, path)
            problems += _problems(page, name)
    finally:
        context.close()

    assert problems == [f"Log ind: H1s {['Landsbyprisen']}"]


@pytest.mark.parametrize("viewport", [SCREEN, PHONE], ids=["screen", "phone"])
@pytest.mark.parametrize("role", list(USERS), ids=[role.value for role in USERS])
def test_every_page_of_a_role_breaks_no_wcag_aa_rule(server, browser, role, viewport):
    context = browser.new_context(locale="da-DK", viewport=viewport)
    try:
        page = open_page(context, server, "/")
        log_in(page, USERS[role]["username"])
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        wait_for_login_cookie(context, present=True)  # each page below is a new page load
        problems = []
        for path, name in page_names(role):
            open_settled(page, server, path)
            problems += _problems(page, name)
    finally:
        context.close()

    assert problems == []


def test_a_visitor_who_chooses_english_keeps_it_with_english_titles_and_lang_en_after_a_reload(server, new_context):
    page = open_page(new_context(), server)
    expect(username_field(page)).to_be_editable()
    wait_until_settled(page)

    choose(page, "Sprog", "English")

    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    # The app writes the language cookie from a component; the server reads it on the next load.
    page.wait_for_function(f"() => document.cookie.split('; ').includes('{LANGUAGE_COOKIE}=en')")
    page.reload()
    expect(page.get_by_label("Username", exact=True)).to_be_visible()  # the new session keeps the choice
    expect(page).to_have_title(f"{t_plain('nav.login', 'en')} · Landsbyprisen")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    statement = next(spec for spec in PUBLIC_PAGES if spec.key == "accessibility")
    open_settled(page, server, f"/{statement.key}")
    expect(page).to_have_title(f"{t_plain(statement.title_key, 'en')} · Landsbyprisen")
    expect(page.locator("html")).to_have_attribute("lang", "en")
