"""The app refuses to start, and says why, when an installation is not fit to serve."""

from pathlib import Path

import pytest
from sqlalchemy import select

from prize.db import make_engine
from prize.migrate import upgrade
from prize.models import User
from prize.passwords import hash_password
from prize.settings import DEMO_COOKIE_KEY
from tests.pages.conftest import as_read

TITLE = "Landsbyprisen kan ikke starte"
NO_COOKIE_KEY = ("Der er ingen nøgle til login-cookien. Sæt `cookie_key` under `[prize]` i "
                 "`.streamlit/secrets.toml` eller miljøvariablen `PRIZE_COOKIE_KEY`.")
DEMO_KEY = ("Installationen bruger demoens cookie-nøgle uden for demotilstand. Lav en ny hemmelig nøgle "
            "(fx `python -c \"import secrets; print(secrets.token_urlsafe(32))\"`).")
NOT_MIGRATED = "Databasen er ikke sat op eller ikke opdateret. Kør `python -m prize init`."
INVALID_ROUNDS = ("Indstillingen PRIZE_BCRYPT_ROUNDS har den ugyldige værdi «abc»: forventede et heltal fra 4 "
                  "til 31.")


SHORT_KEY = ("Nøglen til login-cookien er for kort: den skal have mindst 32 tegn. Lav en ny hemmelig nøgle "
             "(fx `python -c \"import secrets; print(secrets.token_urlsafe(32))\"`).")


def _demo_passwords(count: int) -> str:
    return (f"Der er stadig brugere med demoens adgangskode: {count} i alt (deaktiverede brugere tæller med, "
            "for de kan aktiveres igen). Serverens log nævner dem ved navn. Giv hver af dem en ny adgangskode "
            "med `python -m prize user passwd BRUGERNAVN`.")


def _refusal(app) -> tuple:
    """What the refusal page shows, as read: its title, its messages, how many text fields."""
    return ([as_read(title.value) for title in app.title], [as_read(error.value) for error in app.error],
            len(app.text_input))


def test_the_demo_cookie_key_outside_demo_mode_is_refused(demo_site, open_app, monkeypatch, demo_facts):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")
    monkeypatch.setenv("PRIZE_COOKIE_KEY", DEMO_COOKIE_KEY)

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [DEMO_KEY, _demo_passwords(len(demo_facts.usernames()))], 0)


def test_demo_passwords_outside_demo_mode_are_refused_with_a_count_not_names(demo_site, open_app, monkeypatch,
                                                                             screen, demo_facts, caplog):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")

    app = open_app()

    assert len(app.exception) == 0
    assert (_refusal(app), screen.shown(app, demo_facts.usernames())) == (
        ([TITLE], [_demo_passwords(9)], 0), [])
    assert ("Refusing to start: these users still have the demo password: "
            + ", ".join(demo_facts.usernames())) in caplog.messages


def test_a_deactivated_user_with_the_demo_password_still_counts(demo_site, open_app, monkeypatch,
                                                                change_database):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")
    with change_database() as session:
        for user in session.scalars(select(User)):
            if user.username != "jury5":
                user.password_hash = hash_password("Et-andet-kodeord-99", rounds=4)
            user.active = user.username != "jury5"

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [_demo_passwords(1)], 0)


@pytest.mark.parametrize("key", ["", "   ", "\t"], ids=["empty", "spaces", "tab"])
def test_a_blank_cookie_key_is_refused_even_in_demo_mode(demo_site, open_app, monkeypatch, key):
    monkeypatch.setenv("PRIZE_COOKIE_KEY", key)

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [NO_COOKIE_KEY], 0)


# Spaces around a key are no part of its strength.
@pytest.mark.parametrize("key", ["x" * 31, "x" * 10 + " " * 25, "\t" * 25 + "x" * 10],
                         ids=["31-characters", "padded-after", "padded-before"])
def test_a_cookie_key_shorter_than_32_characters_is_refused_outside_demo_mode(demo_site, open_app, monkeypatch,
                                                                             change_database, key):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")
    monkeypatch.setenv("PRIZE_COOKIE_KEY", key)
    with change_database() as session:
        for user in session.scalars(select(User)):
            user.password_hash = hash_password("Et-andet-kodeord-99", rounds=4)

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [SHORT_KEY], 0)


def test_a_missing_cookie_key_is_refused(demo_site, open_app, monkeypatch):
    monkeypatch.setenv("PRIZE_COOKIE_KEY", "")

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [NO_COOKIE_KEY], 0)


def test_an_invalid_setting_is_refused_with_its_danish_message(started_server, open_app, monkeypatch):
    monkeypatch.setenv("PRIZE_BCRYPT_ROUNDS", "abc")

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [INVALID_ROUNDS], 0)


def test_a_logged_in_user_sees_no_data_while_a_setting_is_invalid(demo_site, open_app, monkeypatch, screen,
                                                                  demo_facts):
    monkeypatch.setenv("PRIZE_COOKIE_EXPIRY_DAYS", "0")

    app = open_app("jury1")

    assert len(app.exception) == 0
    assert (_refusal(app), len(app.dataframe) + len(app.table), screen.shown(app, demo_facts.nomination_names())) == (
        ([TITLE], ["Indstillingen PRIZE_COOKIE_EXPIRY_DAYS har den ugyldige værdi «0»: forventede et tal større "
                   "end 0 og højst 365."], 0), 0, [])


def test_a_database_without_the_schema_is_refused(started_server, open_app, monkeypatch, tmp_path: Path):
    empty = tmp_path / "empty.db"
    empty.touch()
    monkeypatch.setenv("PRIZE_DATABASE_URL", f"sqlite:///{empty}")

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [NOT_MIGRATED], 0)


def test_a_logged_in_user_sees_no_data_while_the_app_refuses_to_start(demo_site, open_app, monkeypatch, screen,
                                                                      demo_facts):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")

    app = open_app("jury1")

    assert len(app.exception) == 0
    assert (_refusal(app), len(app.dataframe) + len(app.table), screen.shown(app, demo_facts.nomination_names())) == (
        ([TITLE], [_demo_passwords(9)], 0), 0, [])


def test_a_refusal_ends_without_a_restart_once_the_cause_is_fixed(started_server, open_app, monkeypatch,
                                                                  tmp_path: Path):
    database = tmp_path / "later.db"
    database.touch()
    monkeypatch.setenv("PRIZE_DATABASE_URL", f"sqlite:///{database}")
    refused = open_app()

    upgrade(make_engine(f"sqlite:///{database}"))
    started = open_app()

    assert _refusal(refused) == ([TITLE], [NOT_MIGRATED], 0)
    assert ([title.value for title in started.title], len(started.error), len(started.text_input)) == (
        ["Landsbyprisen"], 0, 3)  # username, password, and the address of «Glemt adgangskode?»


def test_an_smtp_server_without_a_sender_address_is_refused(demo_site, open_app, monkeypatch, screen):
    monkeypatch.setenv("PRIZE_SMTP_HOST", "smtp.rm.dk")

    app = open_app()

    assert (len(app.exception), screen.values(app.error)) == (0, [
        "PRIZE_SMTP_HOST er sat, men PRIZE_MAIL_SENDER_ADDRESS mangler: appen kan ikke sende e-mail uden en "
        "afsenderadresse."])
