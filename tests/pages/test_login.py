"""The login page: what a visitor sees before logging in, and every way a login ends."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import User
from prize.services.users import set_active

WRONG_LOGIN = "Forkert brugernavn eller adgangskode."
DEACTIVATED = "Brugeren er deaktiveret. Kontakt sekretariatet, hvis du skal have adgang igen."
TOO_LONG = "Adgangskoden er for lang: højst 72 tegn, og æ, ø og å tæller som to tegn hver."


def _last_logins(engine) -> dict:
    with Session(engine) as session:
        return dict(session.execute(select(User.username, User.last_login_at)).tuples().all())


def test_a_visitor_sees_the_title_and_the_login_form(demo_site, open_app, screen):
    app = open_app()

    assert len(app.exception) == 0
    assert (screen.values(app.title), [field.label for field in app.text_input],
            [button.label for button in app.button]) == (
        ["Landsbyprisen"], ["Brugernavn", "Adgangskode", "E-mail"], ["Log ind", "Send link"])


def test_a_visitor_sees_no_candidate_person_or_username(demo_site, open_app, screen, demo_facts):
    app = open_app()

    assert len(app.exception) == 0
    assert (screen.shown(app, demo_facts.protected_words()), len(app.dataframe) + len(app.table), len(app.metric)) == ([], 0, 0)


@pytest.mark.parametrize(("username", "password", "message"), [
    pytest.param("jury1", "Forkert-kode-2020", WRONG_LOGIN, id="wrong-password"),
    pytest.param("ingen.bruger", "Landsby-2020", WRONG_LOGIN, id="unknown-user"),
    pytest.param("jury1", "æ" * 37, TOO_LONG, id="password-over-72-bytes"),
    pytest.param("", "", "Skriv både dit brugernavn og din adgangskode.", id="empty"),
])
def test_a_refused_login_shows_why_and_logs_nobody_in(demo_site, open_app, screen, username, password, message):
    app = open_app()
    before = _last_logins(demo_site)

    screen.submit_login(app, username=username, password=password)

    assert len(app.exception) == 0
    assert (screen.values(app.error), app.session_state["authentication_status"], screen.values(app.title)) == (
        [message], None, ["Landsbyprisen"])
    assert _last_logins(demo_site) == before


def test_a_deactivated_user_with_the_right_password_is_told_so(demo_site, open_app, screen, change_database,
                                                               demo_facts):
    with change_database() as session:
        jury2 = session.scalars(select(User).where(User.username == "jury2")).one()
        set_active(session, actor=Actor.command_line(), user_id=jury2.id, active=False)
    app = open_app()
    before = _last_logins(demo_site)

    screen.submit_login(app, username="jury2", password=demo_facts.password)

    assert len(app.exception) == 0
    assert (screen.values(app.error), app.session_state["authentication_status"], screen.values(app.title)) == (
        [DEACTIVATED], None, ["Landsbyprisen"])
    assert _last_logins(demo_site) == before


def test_the_right_password_logs_a_juror_in_to_the_scoring_page(demo_site, open_app, screen, demo_facts):
    app = open_app()
    before = _last_logins(demo_site)

    screen.submit_login(app, username="jury1", password=demo_facts.password)

    assert len(app.exception) == 0
    assert (app.session_state["authentication_status"], screen.values(app.title), screen.values(app.error)) == (
        True, ["Bedømmelse"], [])
    after = _last_logins(demo_site)
    assert [username for username in after if after[username] != before[username]] == ["jury1"]
