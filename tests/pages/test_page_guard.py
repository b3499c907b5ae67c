"""Every page file stops on its first line unless a logged-in user with the right role is
there: Streamlit's old discovery of pages/ can serve a file without app.py."""

import pytest
from streamlit.testing.v1 import AppTest

from prize.actor import Actor
from prize.permissions import may_ever
from prize.roles import Role
from ui.registry import PAGES as REGISTERED
from ui.registry import PUBLIC_PAGES as PUBLIC

LOGIN_REQUIRED = "Du skal være logget ind for at se denne side."
WRONG_ROLE = "Din rolle giver ikke adgang til denne side."
# Every page of the menu: a new page is guarded, or this test fails.
PAGES = [page.key for page in REGISTERED]


def _actor(role: Role, *, must_change_password: bool = False) -> Actor:
    return Actor(id=1, username="besoegende", name="Besøgende Testperson", role=role,
                 must_change_password=must_change_password)


def _substance(app) -> tuple:
    """What a page shows beyond its notice: titles, tables, metrics, forms."""
    return (len(app.title), len(app.dataframe) + len(app.table), len(app.metric), len(app.text_input), len(app.button))


@pytest.mark.parametrize("page", PAGES)
def test_a_page_file_without_login_asks_the_visitor_to_log_in(open_page_file, screen, page):
    app = open_page_file(page)

    assert len(app.exception) == 0
    assert (screen.values(app.warning), screen.values(app.markdown), _substance(app)) == (
        [LOGIN_REQUIRED], ["[Gå til log ind](/)"], (0, 0, 0, 0, 0))


def _refused() -> list[tuple[str, Role]]:
    """Every page with every role the registry keeps from it."""
    return [(page.key, role) for page in REGISTERED for role in Role
            if not may_ever(_actor(role), page.action)]


# A demo user of each role, to ask for a page by its address through app.py.
DEMO_USER = {Role.SECRETARIAT: "sekretariat", Role.JUROR: "jury1", Role.NOMINATOR: "lag.randers",
             Role.VILLAGE: "ildsjael"}


@pytest.mark.parametrize(("page", "role"), _refused())
def test_a_page_file_refuses_a_role_without_access(open_page_file, screen, page, role):
    app = open_page_file(page, actor=_actor(role))

    assert len(app.exception) == 0
    assert (screen.values(app.error), screen.values(app.warning), _substance(app)) == (
        [WRONG_ROLE], [], (0, 0, 0, 0, 0))


@pytest.mark.parametrize(("page", "role"), _refused())
def test_the_app_refuses_a_role_that_asks_for_the_page_by_its_address(demo_site, open_app, screen, page, role):
    app = screen.request_url_path(open_app(DEMO_USER[role]), page)

    assert len(app.exception) == 0
    main = app.main  # the sidebar holds the menu and the logout button
    assert (screen.values(app.error), len(main.title), len(main.dataframe) + len(main.table), len(main.text_input),
            len(main.button)) == ([WRONG_ROLE], 0, 0, 0, 0)


@pytest.mark.parametrize(("page", "role"), [
    ("overview", Role.SECRETARIAT), ("users", Role.SECRETARIAT), ("scoring", Role.JUROR),
    ("my_nominations", Role.NOMINATOR),
])
def test_a_page_file_refuses_a_one_time_password_of_the_right_role(open_page_file, screen, page, role):
    app = open_page_file(page, actor=_actor(role, must_change_password=True))

    assert len(app.exception) == 0
    assert (screen.values(app.error), _substance(app)) == ([WRONG_ROLE], (0, 0, 0, 0, 0))


def test_a_page_file_needs_the_login_status_as_well_as_an_actor(open_page_file, screen):
    app = open_page_file("users", actor=_actor(Role.SECRETARIAT))
    app.session_state["authentication_status"] = None

    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.warning), _substance(app)) == ([LOGIN_REQUIRED], (0, 0, 0, 0, 0))


@pytest.mark.parametrize("page", [page.key for page in PUBLIC])
def test_a_public_page_file_shows_its_text_without_login(demo_site, open_page_file, screen, page):
    app = open_page_file(page)

    assert len(app.exception) == 0
    assert (screen.values(app.error), screen.values(app.warning), len(app.title)) == ([], [], 1)


def test_the_public_guard_refuses_a_page_not_registered_as_public(screen):
    def page() -> None:
        import streamlit as st

        from ui.guard import require_public_page

        require_public_page("users")
        st.title("Brugere")

    app = AppTest.from_function(page).run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), len(app.title)) == ([WRONG_ROLE], 0)
