"""The menu of each role: the page a user lands on, the pages they cannot reach,
logging out, and a user deactivated while logged in."""

import pytest
from sqlalchemy import select

from prize.actor import Actor
from prize.models import User
from prize.services.users import set_active
from tests.pages.conftest import log_in_session

WRONG_ROLE = "Din rolle giver ikke adgang til denne side."


@pytest.mark.parametrize(("username", "title"), [
    pytest.param("sekretariat", "Årets forløb", id="secretariat-overview"),
    pytest.param("jury1", "Bedømmelse", id="juror-scoring"),
    pytest.param("lag.randers", "Mine indstillinger", id="nominator-own-nominations"),
    pytest.param("ildsjael", "Vores ansøgning", id="village-own-nomination"),
])
def test_each_role_lands_on_its_first_page(demo_site, open_app, screen, username, title):
    app = open_app(username)

    assert len(app.exception) == 0
    assert screen.values(app.title) == [title]


@pytest.mark.parametrize(("username", "role"), [
    ("sekretariat", "Sekretariatet"), ("jury1", "Jurymedlem"), ("lag.randers", "Indstiller (LAG/kommune)"),
    ("ildsjael", "Landsby (kontaktperson)"),
])
def test_the_sidebar_names_the_user_and_their_role(demo_site, open_app, screen, demo_facts, username, role):
    app = open_app(username)

    assert len(app.exception) == 0
    assert screen.values(app.sidebar.markdown) == [f"**{demo_facts.user(username)['name']}**  \n{role}"]


def test_a_juror_sees_every_candidate_by_name(demo_site, open_app, screen, demo_facts):
    app = open_app("jury1")

    assert len(app.exception) == 0
    assert screen.shown(app, demo_facts.candidate_names()) == demo_facts.candidate_names()


def test_a_juror_cannot_switch_to_the_users_page(demo_site, open_app):
    app = open_app("jury1")

    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("pages/users.py")


def test_a_juror_asking_for_the_users_address_is_refused_in_danish_and_sees_no_user(demo_site, open_app, screen,
                                                                                      demo_facts):
    app = open_app("jury1")
    others = [name for name in demo_facts.usernames() + demo_facts.person_names()
              if name not in ("jury1", demo_facts.user("jury1")["name"])]

    screen.request_url_path(app, "users")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.error), screen.shown(app, others)) == (
        [], [WRONG_ROLE], [])


def test_on_the_first_request_after_a_start_the_users_file_refuses_a_juror(demo_database, open_app, screen,
                                                                           demo_facts):
    app = open_app("jury1")

    screen.request_url_path(app, "users")

    assert len(app.exception) == 0
    assert (screen.values(app.error), len(app.dataframe) + len(app.table), screen.shown(app, demo_facts.usernames())) == (
        [WRONG_ROLE], 0, [])


@pytest.mark.parametrize(("requested", "titles", "errors"), [
    pytest.param("profile", ["Min profil"], [], id="own-page"),
    pytest.param("users", [], [WRONG_ROLE], id="page-of-another-role"),
])
def test_a_deep_link_opens_the_page_only_when_the_role_has_it(demo_site, open_app, screen, requested, titles,
                                                               errors):
    app = open_app()
    log_in_session(app, "jury1")

    screen.request_url_path(app, requested)

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.error)) == (titles, errors)


def test_logging_out_returns_to_the_login_form_without_candidates(demo_site, open_app, screen, demo_facts):
    app = open_app("jury1")

    screen.button(app.sidebar, "Log ud").click()
    app.run()

    assert len(app.exception) == 0
    assert (app.session_state["authentication_status"], screen.values(app.title),
            [field.label for field in app.text_input], screen.shown(app, demo_facts.nomination_names())) == (
        None, ["Landsbyprisen"], ["Brugernavn", "Adgangskode", "E-mail"], [])


def test_a_user_deactivated_while_logged_in_is_back_at_the_login_form(demo_site, open_app, screen, demo_facts,
                                                                       change_database):
    app = open_app("jury2")
    with change_database() as session:
        jury2 = session.scalars(select(User).where(User.username == "jury2")).one()
        set_active(session, actor=Actor.command_line(), user_id=jury2.id, active=False)

    app.run()

    assert len(app.exception) == 0
    assert (app.session_state["authentication_status"], screen.values(app.title), len(app.dataframe) + len(app.table),
            screen.shown(app, demo_facts.nomination_names())) == (None, ["Landsbyprisen"], 0, [])


def test_a_name_with_markdown_is_drawn_as_written_not_as_a_link_or_image(demo_site, open_app, screen,
                                                                         change_database):
    with change_database() as session:
        session.scalars(select(User).where(User.username == "jury1")).one().name = (
            "Ole *Fed* ![spor](http://example.dk/spor.png) $x$ :red[rød]")

    app = open_app("jury1")

    assert len(app.exception) == 0
    assert screen.raw_values(app.sidebar.markdown) == [
        "**Ole \\*Fed\\* \\!\\[spor\\]\\(http\\:\u2060\\/\\/example\\.dk\\/spor\\.png\\) \\$x\\$ "
        "\\:\u2060red\\[rød\\]**  \nJurymedlem"]
