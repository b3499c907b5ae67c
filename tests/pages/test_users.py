"""Brugere: the secretariat's list of users, creating a user, deactivating one and resetting a password."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.models import MailKind, OutboxMessage, User
from prize.passwords import password_matches
from prize.roles import Role
from prize.services.auth import MAX_FAILED_LOGINS, attempt_login
from tests.pages.conftest import as_read_table


def _users_page(open_app):
    return open_app("sekretariat").switch_page("pages/users.py").run()


def _user_count(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(User))


def _create(screen, app, *, role: Role, username: str, name: str, email: str = "") -> None:
    app.selectbox(key="new_user_role").set_value(role)
    app.run()
    screen.field(app, "Brugernavn").input(username)
    screen.field(app, "Navn").input(name)
    screen.field(app, "E-mail").input(email)
    screen.button(app, "Opret bruger").click()
    app.run()


def _choose(app, user_id: int) -> None:
    app.selectbox(key="users_choose").set_value(user_id)
    app.run()


def test_the_table_lists_every_user_by_role_then_username(demo_site, open_app, demo_facts):
    app = _users_page(open_app)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (list(table["Brugernavn"]), list(table.columns)) == (demo_facts.users_in_table_order(), [
        "Brugernavn", "Navn", "Rolle", "LAG/kommune", "Indstilling", "Aktiv", "Engangskode", "Sidst logget ind",
        "Låst til"])


def test_a_locked_account_shows_until_when_it_is_locked(demo_site, open_app, change_database):
    with change_database() as session:
        for _ in range(MAX_FAILED_LOGINS):
            attempt_login(session, username="jury2", password="Forkert-hest-42",
                          now=datetime(2099, 3, 1, 9, 0, tzinfo=UTC))

    app = _users_page(open_app)

    table = as_read_table(app.table[0])
    assert len(app.exception) == 0
    assert dict(zip(table["Brugernavn"], table["Låst til"], strict=True)) == {
        username: ("1. marts 2099 kl. 10:15" if username == "jury2" else "") for username in table["Brugernavn"]}


def test_a_created_juror_with_an_address_gets_an_invitation_and_no_password_is_shown(demo_site, open_app, screen,
                                                                                       read_user):
    app = _users_page(open_app)

    _create(screen, app, role=Role.JUROR, username="karen.juul", name="Karen Juul Mogensen",
            email="karen.juul@example.dk")

    assert len(app.exception) == 0
    assert (screen.values(app.success), len(app.code)) == (
        ["Brugeren karen.juul er oprettet og får en e-mail med et link til at vælge sin egen adgangskode."], 0)
    with Session(demo_site) as session:
        assert session.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all() == [
            ("karen.juul@example.dk", MailKind.INVITATION)]
    assert read_user("karen.juul").must_change_password is True


def test_a_created_juror_without_an_address_gets_a_one_time_password(demo_site, open_app, screen, read_user):
    app = _users_page(open_app)

    _create(screen, app, role=Role.JUROR, username="karen.juul", name="Karen Juul Mogensen")

    assert len(app.exception) == 0
    assert screen.values(app.info) == [
        "Brugeren karen.juul er oprettet. Giv personen denne engangsadgangskode; den skal skiftes ved første "
        "login og vises kun nu:"]
    user = read_user("karen.juul")
    assert (user.role, user.name, user.must_change_password, password_matches(app.code[0].value, user.password_hash)
            ) == (Role.JUROR, "Karen Juul Mogensen", True, True)


def test_the_one_time_password_is_gone_after_the_next_run(demo_site, open_app, screen):
    app = _users_page(open_app)
    _create(screen, app, role=Role.JUROR, username="karen.juul", name="Karen Juul Mogensen")

    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.info), len(app.code)) == ([], 0)


def test_the_new_user_appears_in_the_table_with_a_one_time_password(demo_site, open_app, screen):
    app = _users_page(open_app)

    _create(screen, app, role=Role.JUROR, username="karen.juul", name="Karen Juul Mogensen")

    assert len(app.exception) == 0
    table = as_read_table(app.table[0]).set_index("Brugernavn")
    assert (len(table), table.loc["karen.juul", "Rolle"], table.loc["karen.juul", "Engangskode"]) == (
        10, "Jurymedlem", "Ja")


@pytest.mark.parametrize(("username", "name", "message"), [
    pytest.param("Æ", "Karen Juul Mogensen", "Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, "
                 "bindestreg og understregning (3-60 tegn).", id="invalid-username"),
    pytest.param("karen.juul", "", "Feltet «Navn» skal udfyldes.", id="empty-name"),
    pytest.param("jury1", "Karen Juul Mogensen", "Brugernavnet «jury1» er allerede i brug.", id="taken-username"),
])
def test_invalid_new_user_input_is_refused_and_creates_nobody(demo_site, open_app, screen, username, name, message):
    app = _users_page(open_app)
    before = _user_count(demo_site)

    _create(screen, app, role=Role.JUROR, username=username, name=name)

    assert len(app.exception) == 0
    assert (screen.values(app.error), len(app.code), _user_count(demo_site)) == ([message], 0, before)


def test_an_invalid_email_is_echoed_as_text_not_as_a_link_or_image(demo_site, open_app, screen):
    app = _users_page(open_app)

    _create(screen, app, role=Role.JUROR, username="karen.juul", name="Karen Juul", email="![x](http://spor.dk)")

    assert len(app.exception) == 0
    assert screen.raw_values(app.error) == [
        "E-mailadressen «\\!\\[x\\]\\(http\\:\u2060\\/\\/spor\\.dk\\)» ser ikke gyldig ud."]


@pytest.mark.parametrize("name", ["Karen\x00Juul", "Karen \u202elu", "Karen\nJuul"], ids=["nul", "bidi", "newline"])
def test_a_name_with_a_control_character_is_refused_and_creates_nobody(demo_site, open_app, screen, name):
    app = _users_page(open_app)
    before = _user_count(demo_site)

    _create(screen, app, role=Role.JUROR, username="karen.juul", name=name)

    assert len(app.exception) == 0
    assert (screen.values(app.error), _user_count(demo_site)) == (
        ["Feltet «Navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
         "Fjern det og prøv igen."], before)


def test_a_nominator_without_a_body_is_refused(demo_site, open_app, screen):
    app = _users_page(open_app)
    before = _user_count(demo_site)

    _create(screen, app, role=Role.NOMINATOR, username="ny.lag", name="Søren Lund")

    assert len(app.exception) == 0
    assert (screen.values(app.error), _user_count(demo_site)) == (
        ["En indstiller skal høre til en LAG eller en kommune."], before)


def test_deactivating_a_user_asks_first_and_changes_nothing_until_confirmed(demo_site, open_app, screen, read_user):
    app = _users_page(open_app)
    _choose(app, read_user("jury2").id)

    app.button(key="users_toggle").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.warning), read_user("jury2").active, app.button(key="users_confirm").label) == (
        ["Vil du deaktivere jury2 – Birgitte Thorsen? Personen kan ikke længere logge ind, før brugeren "
         "genaktiveres."], True, "Ja, deaktivér")


def test_deactivating_a_user_stops_their_login_and_says_so(demo_site, open_app, screen, read_user):
    app = _users_page(open_app)
    _choose(app, read_user("jury2").id)

    app.button(key="users_toggle").click()
    app.run()
    app.button(key="users_confirm").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.success), read_user("jury2").active, app.button(key="users_toggle").label) == (
        ["jury2 – Birgitte Thorsen er deaktiveret og kan ikke længere logge ind."], False, "Genaktivér")


def test_the_secretariat_cannot_deactivate_itself(demo_site, open_app, screen, read_user):
    app = _users_page(open_app)
    _choose(app, read_user("sekretariat").id)

    app.button(key="users_toggle").click()
    app.run()
    app.button(key="users_confirm").click()
    app.run()

    assert len(app.exception) == 0
    assert (screen.values(app.error), read_user("sekretariat").active) == (["Du kan ikke deaktivere dig selv."], True)


def test_a_password_reset_shows_a_new_one_time_password_once(demo_site, open_app, screen, read_user):
    app = _users_page(open_app)
    _choose(app, read_user("jury3").id)

    app.button(key="users_reset").click()
    app.run()

    assert len(app.exception) == 0
    user = read_user("jury3")
    assert (screen.values(app.info), user.must_change_password, password_matches(app.code[0].value, user.password_hash)
            ) == (["Ny engangsadgangskode til jury3 – Thomas Brix Nørgaard; den vises kun nu:"], True, True)
