"""The public page of a password link, and «Glemt adgangskode?» on the login page:
the link's user chooses a password; nobody learns whether an address is known."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from prize.mail.links import MailLinks
from prize.models import MailKind, OutboxMessage, User
from prize.models.base import utcnow
from prize.passwords import password_matches
from prize.password_links import QUERY_PARAMETER
from prize.settings import Settings
from tests.pages.conftest import APP, RUN_TIMEOUT

NEW_PASSWORD = "Mit-eget-kodeord-2020"
INVALID = ("Linket er ugyldigt, udløbet eller allerede brugt. Bed om et nyt under «Glemt adgangskode?» på "
           "login-siden.")
ANSWER = ("Tak. Hører adressen til en bruger i Landsbyprisen, er der nu sendt en mail med et link til at vælge en "
          "ny adgangskode. Kommer der ingen mail, så kontakt sekretariatet.")


def _token_for(engine, username: str) -> str:
    """A password link for ``username``, signed as the app signs one."""
    with Session(engine) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        url = MailLinks.of(Settings.load()).password_link(user_id=user.id, session_version=user.session_version,
                                                          now=utcnow())
    return url.split(f"{QUERY_PARAMETER}=", 1)[1]


def _open_link(token: str) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT)
    app.query_params[QUERY_PARAMETER] = token
    return app.run()


def _choose(screen, app: AppTest, new: str, repeat: str) -> AppTest:
    screen.field(app, "Ny adgangskode").input(new)
    screen.field(app, "Gentag ny adgangskode").input(repeat)
    screen.button(app, "Gem adgangskode").click()
    return app.run()


def _user(engine, username: str) -> User:
    with Session(engine, expire_on_commit=False) as session:
        return session.scalars(select(User).where(User.username == username)).one()


def test_a_valid_link_greets_its_user_and_shows_no_login_form(demo_site, screen):
    app = _open_link(_token_for(demo_site, "jury1"))

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.markdown)[-1], [field.label for field in app.text_input]) == (
        ["Vælg adgangskode"], "Vælg en adgangskode til brugeren **jury1** (Henrik Aagaard Lund).",
        ["Ny adgangskode", "Gentag ny adgangskode"])


@pytest.mark.both_databases
def test_the_user_chooses_a_password_through_the_link_and_is_sent_to_the_login(demo_site, screen):
    app = _open_link(_token_for(demo_site, "jury1"))

    app = _choose(screen, app, NEW_PASSWORD, NEW_PASSWORD)
    told = screen.values(app.success)
    screen.button(app, "Til login").click()
    app.run()

    assert len(app.exception) == 0
    assert told == ["Din adgangskode er gemt. Log ind med brugernavnet «jury1»."]
    assert password_matches(NEW_PASSWORD, _user(demo_site, "jury1").password_hash) is True
    assert ([field.label for field in app.text_input][:2], dict(app.query_params)) == (
        ["Brugernavn", "Adgangskode"], {})


def test_a_used_link_shows_the_one_notice(demo_site, screen):
    token = _token_for(demo_site, "jury1")
    _choose(screen, _open_link(token), NEW_PASSWORD, NEW_PASSWORD)

    app = _open_link(token)

    assert (len(app.exception), screen.values(app.error), len(app.text_input)) == (0, [INVALID], 0)


def test_a_false_link_shows_the_one_notice_and_nothing_about_anyone(demo_site, screen, demo_facts):
    app = _open_link("ikke-et-rigtigt-link")

    assert len(app.exception) == 0
    assert (screen.values(app.error), screen.shown(app, demo_facts.protected_words())) == ([INVALID], [])


def test_two_different_passwords_are_refused_and_the_link_still_works(demo_site, screen):
    app = _open_link(_token_for(demo_site, "jury1"))

    app = _choose(screen, app, NEW_PASSWORD, "Noget-andet-2020")

    assert (len(app.exception), screen.values(app.error), screen.values(app.title)) == (
        0, ["De to nye adgangskoder er ikke ens."], ["Vælg adgangskode"])
    assert password_matches(NEW_PASSWORD, _user(demo_site, "jury1").password_hash) is False


# --- «Glemt adgangskode?» ---------------------------------------------------------------------

def _ask_for_reset(screen, open_app, email: str) -> AppTest:
    app = open_app()
    screen.field(app, "E-mail").input(email)
    screen.button(app, "Send link").click()
    return app.run()


def _written(engine) -> list[tuple[str, MailKind]]:
    with Session(engine) as session:
        return session.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all()


def test_a_known_address_gets_the_same_answer_and_a_reset_mail(demo_site, open_app, screen):
    app = _ask_for_reset(screen, open_app, "henrik.lund@example.dk")

    assert (len(app.exception), screen.values(app.info)) == (0, [ANSWER])
    assert _written(demo_site) == [("henrik.lund@example.dk", MailKind.PASSWORD_RESET)]


def test_an_unknown_address_gets_the_same_answer_and_no_mail(demo_site, open_app, screen):
    app = _ask_for_reset(screen, open_app, "ukendt@example.dk")

    assert (len(app.exception), screen.values(app.info)) == (0, [ANSWER])
    assert _written(demo_site) == []


def test_the_answer_to_a_known_and_an_unknown_address_is_the_same_screen(demo_site, open_app, screen):
    known = _ask_for_reset(screen, open_app, "henrik.lund@example.dk")
    unknown = _ask_for_reset(screen, open_app, "ukendt@example.dk")

    # The visitor's own address, as they typed it, is the only difference.
    assert screen.text(known).replace("henrik.lund@example.dk", "@") == screen.text(unknown).replace(
        "ukendt@example.dk", "@")
