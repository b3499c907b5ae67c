"""The app refuses to start, and says why, when an installation is not fit to serve."""

from pathlib import Path

from prize.db import make_engine
from prize.migrate import upgrade
from prize.settings import DEMO_COOKIE_KEY

TITLE = "Landsbyprisen kan ikke starte"
NO_COOKIE_KEY = ("Der er ingen nøgle til login-cookien. Sæt `cookie_key` under `[prize]` i "
                 "`.streamlit/secrets.toml` eller miljøvariablen `PRIZE_COOKIE_KEY`.")
DEMO_KEY = ("Installationen bruger demoens cookie-nøgle uden for demotilstand. Lav en ny hemmelig nøgle "
            "(fx `python -c \"import secrets; print(secrets.token_urlsafe(32))\"`).")
NOT_MIGRATED = "Databasen er ikke sat op eller ikke opdateret. Kør `python -m prize init`."
INVALID_ROUNDS = ("Indstillingen PRIZE_BCRYPT_ROUNDS har den ugyldige værdi «abc»: forventede et heltal fra 4 "
                  "til 31.")


def _demo_passwords(usernames: list[str]) -> str:
    return (f"Disse aktive brugere har stadig demoens adgangskode: {', '.join(usernames)}. Skift dem med "
            "`python -m prize user passwd BRUGERNAVN`, eller deaktivér dem.")


def _refusal(app) -> tuple:
    return ([title.value for title in app.title], [error.value for error in app.error], len(app.text_input))


def test_the_demo_cookie_key_outside_demo_mode_is_refused(demo_site, open_app, monkeypatch, demo_facts):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")
    monkeypatch.setenv("PRIZE_COOKIE_KEY", DEMO_COOKIE_KEY)

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [DEMO_KEY, _demo_passwords(demo_facts.usernames())], 0)


def test_demo_passwords_outside_demo_mode_are_refused_by_username(demo_site, open_app, monkeypatch, demo_facts):
    monkeypatch.setenv("PRIZE_DEMO_MODE", "false")

    app = open_app()

    assert len(app.exception) == 0
    assert _refusal(app) == ([TITLE], [_demo_passwords(demo_facts.usernames())], 0)


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
    assert (_refusal(app), len(app.dataframe), screen.shown(app, demo_facts.nomination_names())) == (
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
    assert (_refusal(app), len(app.dataframe), screen.shown(app, demo_facts.nomination_names())) == (
        ([TITLE], [_demo_passwords(demo_facts.usernames())], 0), 0, [])


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
        ["Landsbyprisen"], 0, 2)
