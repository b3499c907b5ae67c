"""A user with a one-time password sees only their profile until they choose their own password."""

import pytest

from prize.actor import Actor
from prize.roles import Role
from prize.services.users import NewUser, create_user
from tests.pages.conftest import as_read_table

MUST_CHANGE = "Du er logget ind med en engangsadgangskode. Vælg din egen adgangskode, før du går videre."
OWN_PASSWORD = "Mit-eget-kodeord-2020"


@pytest.fixture
def one_time_password(change_database) -> str:
    """A new juror, karen.juul, created by the secretariat with a one-time password."""
    with change_database() as session:
        _, secret = create_user(session, actor=Actor.command_line(), bcrypt_rounds=4, new=NewUser(
            username="karen.juul", name="Karen Juul Mogensen", email="karen.juul@example.dk", role=Role.JUROR))
    return secret


def _choose_own_password(screen, app, *, current: str) -> None:
    screen.field(app, "Nuværende adgangskode").input(current)
    screen.field(app, "Ny adgangskode").input(OWN_PASSWORD)
    screen.field(app, "Gentag ny adgangskode").input(OWN_PASSWORD)
    screen.button(app, "Skift adgangskode").click()
    app.run()


def test_a_one_time_password_lands_on_the_profile_with_a_warning(demo_site, one_time_password, open_app, screen):
    app = open_app("karen.juul")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.warning)) == (["Min profil"], [MUST_CHANGE])


def test_a_one_time_password_cannot_switch_to_the_scoring_page(demo_site, one_time_password, open_app):
    app = open_app("karen.juul")

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/scoring.py")


def test_a_one_time_password_asking_for_the_scoring_address_is_sent_to_the_profile(
        demo_site, one_time_password, open_app, screen, demo_facts):
    app = open_app("karen.juul")

    screen.request_url_path(app, "scoring")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.warning), len(app.dataframe) + len(app.table),
            screen.shown(app, demo_facts.nomination_names())) == (
        [], ["Vælg din egen adgangskode under «Min profil», før du går videre."], 0, [])


def test_on_the_first_request_after_a_start_the_scoring_file_refuses_a_one_time_password(
        demo_database, one_time_password, open_app, screen, demo_facts):
    app = open_app("karen.juul")

    screen.request_url_path(app, "scoring")

    assert len(app.exception) == 0
    assert (screen.values(app.error), len(app.dataframe) + len(app.table), screen.shown(app, demo_facts.nomination_names())) == (
        ["Din rolle giver ikke adgang til denne side."], 0, [])


def test_after_choosing_a_password_the_scoring_page_opens(demo_site, one_time_password, open_app, screen,
                                                          demo_facts):
    app = open_app("karen.juul")
    _choose_own_password(screen, app, current=one_time_password)

    app.switch_page("pages/scoring.py").run()

    assert len(app.exception) == 0
    assert (screen.values(app.title), len(as_read_table(app.table[0]))) == (["Bedømmelse"], len(demo_facts.candidate_names()))


def test_after_choosing_a_password_the_next_visit_starts_on_the_scoring_page(demo_site, one_time_password, open_app,
                                                                             screen):
    _choose_own_password(screen, open_app("karen.juul"), current=one_time_password)

    app = open_app("karen.juul", session_version=1)  # the new cookie's

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.warning)) == (["Bedømmelse"], [])
