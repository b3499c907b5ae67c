"""The app with the keyboard alone, and on a phone (WCAG 2.1.1, 2.4.3, 2.4.7, 2.5.8).

- A juror and the secretariat log in and open every page of their menu with Tab,
  Shift+Tab and Enter only. At each step the focused element is the expected one and
  shows the app's focus ring (ui/style.py); after Enter the page's H1 is the menu name.
- On a phone the menu closes after a choice, and while it is closed nothing off the
  screen takes the focus.
- On a phone every target is at least 24 x 24 CSS px, except links inside running text:
  before login (the login page, its language list, the public pages) and on every page
  and in the menu of a nominator, a juror and the secretariat.

The pages come from ui/registry.py (through test_accessibility.page_names), so a page
added there is walked and measured without editing this file. Every wait is on the
app's state (a heading, an attribute, no script run going on), never a fixed time.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from prize.i18n import t_plain
from prize.roles import Role
from tests.e2e.test_accessibility import USERS, open_settled, page_names
from tests.e2e.test_browser import (DEMO_PASSWORD, expect_menu, expect_title, log_in, open_page, username_field,
                                    wait_for_login_cookie, wait_until_settled)
from ui.registry import PUBLIC_PAGES
from ui.style import FOCUS_RING, TOUCH_TARGET_PX

pytestmark = pytest.mark.browser

# A phone as Streamlit tells one: it closes the menu after a choice only in a mobile
# browser (by its user agent), not in a narrow window of a desktop browser.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                       "Chrome/131.0.0.0 Mobile Safari/537.36"}
# The app's focus ring as the browser computes it.
RING = ["solid", "2px", "rgb({}, {}, {})".format(*(int(FOCUS_RING[i:i + 2], 16) for i in (1, 3, 5)))]
# Presses of Tab allowed to reach the login form, and from a page's content round to the menu.
TABS_TO_FORM = 10
TABS_TO_MENU = 60
# Presses of Tab from the top of a page on a phone, each checked to land on the screen.
TABS_ON_PHONE = 15
NAV_LINK = '[data-testid="stSidebarNavLink"]'

# What has the focus: a menu link by its title, anything else by its name; and the ring
# it shows while focused by the keyboard (a field's ring is drawn on its box, the parent
# of its input), or None.
FOCUSED = """() => {
    const element = document.activeElement;
    const title = element.matches('[data-testid="stSidebarNavLink"]')
        && element.querySelector('[data-testid="stMarkdownContainer"]');
    const name = title ? title.innerText.trim()
        : element.getAttribute('aria-label') || element.innerText.trim().slice(0, 40) || element.tagName;
    const ringed = element.matches('input, textarea') ? element.parentElement : element;
    const style = getComputedStyle(ringed);
    return [name, element.matches(':focus-visible') && style.outlineStyle !== 'none'
        ? [style.outlineStyle, style.outlineWidth, style.outlineColor] : null];
}"""
# Where the focus landed: nothing (it left the page for the browser), or an element with
# its box, and whether that box is whole on the screen.
LANDED = """() => {
    const element = document.activeElement;
    if (element === document.body) return null;
    const box = element.getBoundingClientRect();
    const name = element.getAttribute('aria-label') || element.innerText.trim().slice(0, 40) || element.tagName;
    const onScreen = box.width > 0 && box.height > 0 && box.left >= -0.5 && box.top >= -0.5
        && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
    return [name, [Math.round(box.left), Math.round(box.top), Math.round(box.width), Math.round(box.height)], onScreen];
}"""
# Every target under ``root`` smaller than [minimum] px either way, as "name W×H".
# Left out, each for its reason:
# - what is not drawn: hidden (display, visibility: a closed menu) or of no size;
# - what is drawn only while focused: Streamlit's "Skip to main content" is clipped to
#   nothing until then (148 x 38 when it shows);
# - links inside running text: WCAG 2.5.8's "inline" exception, for a link in a
#   paragraph or list item of Markdown whose text is more than the link's own.
# A check box, a radio button or a switch is hit on its label, so the label is measured.
SMALL_TARGETS = """([rootSelector, minimum]) => {
    const root = document.querySelector(rootSelector);
    const targets = root.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, '
        + '[role="button"], [role="option"], [role="tab"], [role="checkbox"], [role="radio"], [role="switch"], '
        + '[role="spinbutton"], [role="combobox"], [role="link"]');
    const inRunningText = element => {
        const block = element.tagName === 'A' && element.closest('[data-testid="stMarkdownContainer"] :is(p, li)');
        return Boolean(block) && block.innerText.trim() !== element.innerText.trim();
    };
    const small = [];
    for (const element of targets) {
        const boxed = element.matches('input:is([type="checkbox"], [type="radio"])') && element.closest('label')
            || element;
        if (!boxed.checkVisibility({visibilityProperty: true})) continue;
        if (getComputedStyle(element).clip === 'rect(0px, 0px, 0px, 0px)' && boxed === element) continue;
        if (inRunningText(element)) continue;
        const box = boxed.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.width < minimum - 0.01 || box.height < minimum - 0.01) {
            const name = element.getAttribute('aria-label') || boxed.innerText.trim().slice(0, 40) || element.tagName;
            small.push(`${name} ${Math.round(box.width * 10) / 10}×${Math.round(box.height * 10) / 10}`);
        }
    }
    return small;
}"""


# --- Helpers --------------------------------------------------------------------------------

def focused(page: Page) -> tuple[str, list[str] | None]:
    name, ring = page.evaluate(FOCUSED)
    return name, ring


def has_focus(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, *, limit: int) -> None:
    """Press Tab until ``target`` has the focus; fail after ``limit`` presses, naming each stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if has_focus(target):
            return
        stops.append(focused(page)[0])
    pytest.fail(f"{limit} presses of Tab did not reach {target}; they stopped at {stops}")


def menu_link(page: Page, title: str) -> Locator:
    return page.locator(NAV_LINK).filter(has=page.get_by_test_id("stMarkdownContainer").get_by_text(title, exact=True))


def log_in_with_the_keyboard(page: Page, username: str, password: str) -> None:
    """Tab into the form, type, Tab to «Log ind» and press Enter: the form takes no Enter
    in a field (enter_to_submit=False). Each stop shows the focus ring."""
    expect(username_field(page)).to_be_editable()
    wait_until_settled(page)
    tab_to(page, username_field(page), limit=TABS_TO_FORM)
    assert focused(page) == ("Brugernavn", RING)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert focused(page) == ("Adgangskode", RING)
    page.keyboard.type(password)
    tab_to(page, page.get_by_role("button", name="Log ind", exact=True), limit=2)  # past the field's eye
    assert focused(page) == ("Log ind", RING)
    page.keyboard.press("Enter")


def landings(page: Page, presses: int) -> list[tuple[str, list[int]]]:
    """Press Tab ``presses`` times; each element it lands on that is not whole on the screen."""
    off_screen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        landed = page.evaluate(LANDED)
        if landed is not None and not landed[2]:
            off_screen.append((landed[0], landed[1]))
    return off_screen


def open_the_menu(page: Page) -> None:
    """Tap the menu open, and wait until it has slid in (its links grow as it does)."""
    sidebar = page.get_by_test_id("stSidebar")
    page.get_by_test_id("stExpandSidebarButton").tap()
    expect(sidebar).to_have_attribute("data-collapsed", "false")
    sidebar.evaluate("element => Promise.all(element.getAnimations({subtree: true}).map(motion => motion.finished))")


def small_targets(page: Page, name: str, root: str = "body") -> list[str]:
    return [f"{name}: {target}" for target in page.evaluate(SMALL_TARGETS, [root, TOUCH_TARGET_PX])]


# --- Tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.JUROR, Role.SECRETARIAT], ids=["juror", "secretariat"])
def test_a_juror_and_the_secretariat_reach_every_page_with_the_keyboard_alone(server, new_context, role):
    names = [name for _, name in page_names(role)]
    context = new_context()
    page = open_page(context, server)
    log_in_with_the_keyboard(page, USERS[role]["username"], DEMO_PASSWORD)
    expect_title(page, names[0])
    wait_for_login_cookie(context, present=True)
    wait_until_settled(page, quiet_ms=2000)
    expect_menu(page, names)

    # From the home page's content on round to the top of the page, and into the menu.
    tab_to(page, menu_link(page, names[0]), limit=TABS_TO_MENU)
    for previous, name in zip([None, *names], names):
        assert focused(page) == (name, RING), f"before Enter on {name}"
        page.keyboard.press("Enter")
        expect_title(page, name)
        wait_until_settled(page)
        assert focused(page) == (name, RING), f"after Enter on {name}: the focus stays on its link"
        if previous is not None:
            page.keyboard.press("Shift+Tab")
            assert focused(page) == (previous, RING), f"Shift+Tab from {name}"
            page.keyboard.press("Tab")
            assert focused(page) == (name, RING), f"Tab back to {name}"
        page.keyboard.press("Tab")


def test_on_a_phone_the_menu_closes_after_a_choice_and_nothing_off_screen_takes_the_focus(server, new_context):
    context = new_context(**PHONE)
    page = open_page(context, server)
    log_in(page, "jury1")
    expect_title(page, "Bedømmelse")
    wait_for_login_cookie(context, present=True)
    wait_until_settled(page, quiet_ms=2000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    open_the_menu(page)

    menu_link(page, "Resultater").tap()

    expect_title(page, "Resultater")
    expect(sidebar).to_have_attribute("data-collapsed", "true")
    wait_until_settled(page)
    after_the_choice = landings(page, TABS_ON_PHONE)
    page.reload()  # the top of a new page
    expect_title(page, "Resultater")
    wait_until_settled(page, quiet_ms=1000)
    from_the_top = landings(page, TABS_ON_PHONE)
    assert (after_the_choice, from_the_top, sidebar.get_attribute("data-collapsed")) == ([], [], "true")


def test_every_target_before_login_on_a_phone_is_at_least_24_px(server, new_context):
    page = open_page(new_context(**PHONE), server)
    expect(username_field(page)).to_be_editable()
    wait_until_settled(page, quiet_ms=1000)
    small = small_targets(page, "Log ind")
    page.get_by_role("combobox", name="Sprog").click()
    expect(page.get_by_role("option", name="English", exact=True)).to_be_visible()
    small += small_targets(page, "Log ind, sproglisten", '[role="listbox"]')

    for path, name in [(f"/{spec.key}", t_plain(spec.title_key, "da")) for spec in PUBLIC_PAGES]:
        open_settled(page, server, path)
        small += small_targets(page, name)

    assert small == []


@pytest.mark.parametrize("role", [Role.NOMINATOR, Role.JUROR, Role.SECRETARIAT],
                         ids=["nominator", "juror", "secretariat"])
def test_every_target_of_a_role_on_a_phone_is_at_least_24_px(server, new_context, role):
    context = new_context(**PHONE)
    page = open_page(context, server)
    log_in(page, USERS[role]["username"])
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    wait_for_login_cookie(context, present=True)  # each page below is a new page load
    small = []

    for path, name in page_names(role):
        open_settled(page, server, path)
        small += small_targets(page, name)
    open_the_menu(page)
    small += small_targets(page, "menuen", '[data-testid="stSidebar"]')

    assert small == []
