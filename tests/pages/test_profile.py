"""Min profil: who the user is, and changing their own password."""

from prize.db import session_scope
from prize.passwords import password_matches
from prize.services.auth import check_login

NEW_PASSWORD = "Egen-adgangskode-2020"


def _profile_of(open_app, username: str):
    return open_app(username).switch_page("pages/profile.py").run()


def _change_password(screen, app, *, current: str, new: str, repeat: str) -> None:
    screen.field(app, "Nuværende adgangskode").input(current)
    screen.field(app, "Ny adgangskode").input(new)
    screen.field(app, "Gentag ny adgangskode").input(repeat)
    screen.button(app, "Skift adgangskode").click()
    app.run()


def test_the_profile_shows_name_username_role_and_email(demo_site, open_app, screen):
    app = _profile_of(open_app, "jury1")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.main.markdown)) == (["Min profil"], [
        "**Henrik Aagaard Lund** (jury1)  \nRolle: Jurymedlem  \nE-mail: henrik.lund@example.dk  \n"
        "Sidst logget ind: ikke fastsat"])


def test_a_wrong_current_password_changes_nothing(demo_site, open_app, screen, read_user):
    app = _profile_of(open_app, "jury1")
    before = read_user("jury1").password_hash

    _change_password(screen, app, current="Ikke-den-rigtige-1", new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    assert len(app.exception) == 0
    assert (screen.values(app.error), screen.values(app.success), read_user("jury1").password_hash) == (
        ["Den nuværende adgangskode er forkert."], [], before)


def test_two_different_new_passwords_change_nothing(demo_site, open_app, screen, read_user, demo_facts):
    app = _profile_of(open_app, "jury1")
    before = read_user("jury1").password_hash

    _change_password(screen, app, current=demo_facts.password, new=NEW_PASSWORD, repeat=NEW_PASSWORD + "x")

    assert len(app.exception) == 0
    assert (screen.values(app.error), read_user("jury1").password_hash) == (
        ["De to nye adgangskoder er ikke ens."], before)


def test_a_changed_password_is_confirmed_and_logs_in(demo_site, open_app, screen, read_user, demo_facts):
    app = _profile_of(open_app, "jury1")

    _change_password(screen, app, current=demo_facts.password, new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    assert len(app.exception) == 0
    assert (screen.values(app.success), screen.values(app.error)) == (["Din adgangskode er skiftet."], [])
    with session_scope(demo_site) as session:
        assert check_login(session, username="jury1", password=NEW_PASSWORD).username == "jury1"
    assert password_matches(demo_facts.password, read_user("jury1").password_hash) is False


def test_the_confirmation_outlasts_a_run_the_user_did_not_start(demo_site, open_app, screen, demo_facts):
    """The cookie component answers after a password change and starts a run of its own."""
    app = _profile_of(open_app, "jury1")
    _change_password(screen, app, current=demo_facts.password, new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    app.run()

    assert (screen.values(app.success), screen.values(app.error)) == (["Din adgangskode er skiftet."], [])


def test_an_error_replaces_the_confirmation_of_the_action_before(demo_site, open_app, screen, demo_facts):
    app = _profile_of(open_app, "jury1")
    _change_password(screen, app, current=demo_facts.password, new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    _change_password(screen, app, current="Ikke-den-rigtige-1", new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    assert (screen.values(app.success), screen.values(app.error)) == (
        [], ["Den nuværende adgangskode er forkert."])


def test_the_confirmation_is_gone_after_leaving_the_page(demo_site, open_app, screen, demo_facts):
    app = _profile_of(open_app, "jury1")
    _change_password(screen, app, current=demo_facts.password, new=NEW_PASSWORD, repeat=NEW_PASSWORD)

    app.switch_page("pages/scoring.py").run()
    app.switch_page("pages/profile.py").run()

    assert (screen.values(app.success), screen.values(app.error)) == ([], [])
