"""The language switch: Danish by default, English on request, remembered for the user."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.models import User


def _locale_of(engine, username: str) -> str:
    with Session(engine) as session:
        return session.scalars(select(User.locale).where(User.username == username)).one()


def test_switching_to_english_shows_the_page_in_english(demo_site, open_app, screen):
    app = open_app("jury1")

    app.selectbox(key="language_sidebar").set_value("en")
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.sidebar.markdown)) == (
        ["Scoring"], ["**Henrik Aagaard Lund**  \nJuror"])


def test_switching_to_english_is_saved_for_the_user(demo_site, open_app):
    app = open_app("jury1")

    app.selectbox(key="language_sidebar").set_value("en")
    app.run()

    assert len(app.exception) == 0
    assert (_locale_of(demo_site, "jury1"), _locale_of(demo_site, "jury2")) == ("en", "da")


def test_a_visitor_can_read_the_login_form_in_english(demo_site, open_app, screen):
    app = open_app()

    app.selectbox(key="language_login").set_value("en")
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.title), [field.label for field in app.text_input]) == (
        ["The Village Prize"], ["Username", "Password", "E-mail"])


def test_a_user_who_chose_english_gets_english_after_logging_in(demo_site, open_app, screen, demo_facts):
    with_english = open_app("jury1")
    with_english.selectbox(key="language_sidebar").set_value("en")
    with_english.run()
    app = open_app()

    screen.submit_login(app, username="jury1", password=demo_facts.password)

    assert len(app.exception) == 0
    assert screen.values(app.title) == ["Scoring"]


def test_a_user_who_chose_english_gets_english_when_the_login_cookie_logs_them_in(demo_site, open_app, screen):
    with_english = open_app("jury1")
    with_english.selectbox(key="language_sidebar").set_value("en")
    with_english.run()

    app = open_app("jury1")

    assert len(app.exception) == 0
    assert screen.values(app.title) == ["Scoring"]
