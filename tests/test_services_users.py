import pytest
from sqlalchemy import func, select

from prize.actor import Actor
from prize.errors import InvalidInput, NotAllowed
from prize.models import AuditEntry, User
from prize.passwords import password_matches
from prize.phases import Phase
from prize.roles import Role
from prize.services import users
from prize.services.demo import demo_password
from tests.factories import (DEFAULT_PASSWORD, TEST_BCRYPT_ROUNDS, actor_of, make_body, make_nomination,
                             make_user, make_year)


def _new_juror(**changes) -> users.NewUser:
    fields = {"username": "birgitte", "name": "Birgitte Thorsen", "email": "birgitte@example.dk",
              "role": Role.JUROR} | changes
    return users.NewUser(**fields)


def _user_count(session) -> int:
    return session.scalar(select(func.count()).select_from(User))


def _audit_of(session, user: User) -> list[tuple]:
    return session.execute(
        select(AuditEntry.actor_id, AuditEntry.actor_label, AuditEntry.action, AuditEntry.entity,
               AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.entity == "user", AuditEntry.entity_id == user.id).order_by(AuditEntry.id)).all()


@pytest.fixture
def secretariat(session) -> User:
    return make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen")


def _stored_hash(session, user_id: int) -> str:
    return session.get(User, user_id).password_hash


def _create(session, secretariat, new: users.NewUser):
    return users.create_user(session, actor=actor_of(secretariat), new=new, bcrypt_rounds=TEST_BCRYPT_ROUNDS)


# --- create_user --------------------------------------------------------------------------

def test_a_new_user_gets_a_one_time_password_that_logs_in(session, secretariat):
    user, one_time = _create(session, secretariat, _new_juror())

    assert password_matches(one_time, _stored_hash(session, user.id)) is True


def test_a_one_time_password_must_be_changed(session, secretariat):
    user, _ = _create(session, secretariat, _new_juror())

    assert user.must_change_password is True


def test_the_password_is_stored_as_a_bcrypt_hash_only(session, secretariat):
    user, one_time = _create(session, secretariat, _new_juror())

    stored = _stored_hash(session, user.id)
    assert (stored[:7], len(stored), one_time == stored) == ("$2b$04$", 60, False)


def test_a_one_time_password_is_three_groups_of_four_easy_characters(session, secretariat):
    _, one_time = _create(session, secretariat, _new_juror())

    groups = one_time.split("-")
    assert ([len(group) for group in groups], set(one_time) - set("abcdefghjkmnpqrstuvwxyz23456789-")) == (
        [4, 4, 4], set())


def test_creating_a_user_is_audited_with_who_and_what(session, secretariat):
    user, _ = _create(session, secretariat, _new_juror(username="  Birgitte "))

    assert _audit_of(session, user) == [
        (secretariat.id, "Mette Kjær Lauridsen (sekretariat)", "user.created", "user", None,
         '{"role": "juror", "username": "birgitte"}')]


def test_a_user_gets_only_the_affiliation_of_their_role(session, secretariat):
    body = make_body(session)

    user, _ = _create(session, secretariat, _new_juror(nominating_body_id=body.id))

    assert (user.role, user.nominating_body_id, user.nomination_id) == (Role.JUROR, None, None)


def test_a_nominator_belongs_to_their_body(session, secretariat):
    body = make_body(session, name="LAG Djursland", municipalities=["Norddjurs", "Syddjurs"])

    user, _ = _create(session, secretariat, _new_juror(role=Role.NOMINATOR, nominating_body_id=body.id))

    assert (user.role, user.nominating_body_id) == (Role.NOMINATOR, body.id)


def test_a_village_contact_belongs_to_their_nomination(session, secretariat):
    nomination = make_nomination(session, year=make_year(session), body=make_body(session))

    user, _ = _create(session, secretariat, _new_juror(role=Role.VILLAGE, nomination_id=nomination.id))

    assert (user.role, user.nomination_id) == (Role.VILLAGE, nomination.id)


@pytest.mark.parametrize(("changes", "message"), [
    ({"username": "mette lauridsen"},
     "Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, bindestreg og understregning (3-60 tegn)."),
    ({"username": "ab"},
     "Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, bindestreg og understregning (3-60 tegn)."),
    ({"username": "sekretariat"}, "Brugernavnet «sekretariat» er allerede i brug."),
    ({"username": "SEKRETARIAT"}, "Brugernavnet «sekretariat» er allerede i brug."),
    ({"role": Role.NOMINATOR}, "En indstiller skal høre til en LAG eller en kommune."),
    ({"role": Role.NOMINATOR, "nominating_body_id": 999}, "En indstiller skal høre til en LAG eller en kommune."),
    ({"role": Role.VILLAGE}, "En kontaktperson skal knyttes til én indstilling."),
    ({"name": "x" * 121}, "Feltet «Navn» må højst være 120 tegn (du skrev 121)."),
    ({"name": "   "}, "Feltet «Navn» skal udfyldes."),
    ({"email": "birgitte.example.dk"}, "E-mailadressen «birgitte.example.dk» ser ikke gyldig ud."),
    ({"home_municipality_id": 999}, "Den valgte kommune findes ikke."),
], ids=["space-in-username", "short-username", "taken-username", "taken-in-capitals", "nominator-without-body",
        "nominator-unknown-body", "village-without-nomination", "long-name", "blank-name", "bad-email",
        "juror-unknown-municipality"])
def test_bad_input_for_a_new_user_is_refused_in_danish_and_stores_nothing(session, secretariat, changes, message):
    before = _user_count(session)

    with pytest.raises(InvalidInput) as refused:
        _create(session, secretariat, _new_juror(**changes))

    assert (refused.value.message("da", plain=True), _user_count(session)) == (message, before)


def test_a_new_user_cannot_be_given_the_demo_password_as_their_own(session, secretariat):
    before = _user_count(session)

    with pytest.raises(InvalidInput) as refused:
        users.create_user(session, actor=actor_of(secretariat), new=_new_juror(), password=demo_password(),
                          bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (refused.value.message("da", plain=True), _user_count(session)) == (
        "Demoens fælles adgangskode kan ikke bruges som din egen. Vælg en anden.", before)


def test_a_juror_may_not_create_users(session):
    juror = make_user(session, role=Role.JUROR)
    before = _user_count(session)

    with pytest.raises(NotAllowed) as refused:
        users.create_user(session, actor=actor_of(juror), new=_new_juror(), bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (refused.value.message("da"), _user_count(session)) == ("Du har ikke adgang til denne handling.", before)


# --- set_active ---------------------------------------------------------------------------

def test_the_secretariat_deactivates_a_user_and_it_is_audited(session, secretariat):
    juror = make_user(session, role=Role.JUROR)

    users.set_active(session, actor=actor_of(secretariat), user_id=juror.id, active=False)

    assert (juror.active, _audit_of(session, juror)[-1]) == (
        False, (secretariat.id, "Mette Kjær Lauridsen (sekretariat)", "user.deactivated", "user", "true", "false"))


def test_a_deactivated_user_can_be_activated_again(session, secretariat):
    juror = make_user(session, role=Role.JUROR, active=False)

    users.set_active(session, actor=actor_of(secretariat), user_id=juror.id, active=True)

    assert (juror.active, _audit_of(session, juror)[-1][2]) == (True, "user.activated")


def test_a_user_cannot_deactivate_themselves(session, secretariat):
    make_user(session, role=Role.SECRETARIAT, username="kollega")

    with pytest.raises(InvalidInput) as refused:
        users.set_active(session, actor=actor_of(secretariat), user_id=secretariat.id, active=False)

    assert (refused.value.message("da"), secretariat.active) == ("Du kan ikke deaktivere dig selv.", True)


def test_the_last_active_secretariat_user_cannot_be_deactivated(session, secretariat):
    make_user(session, role=Role.SECRETARIAT, username="tidligere", active=False)

    with pytest.raises(InvalidInput) as refused:
        users.set_active(session, actor=Actor.command_line(), user_id=secretariat.id, active=False)

    assert (refused.value.message("da"), secretariat.active) == (
        "Der skal være mindst én aktiv sekretariatsbruger.", True)


def test_one_of_two_active_secretariat_users_can_be_deactivated(session, secretariat):
    colleague = make_user(session, role=Role.SECRETARIAT, username="kollega")

    users.set_active(session, actor=actor_of(secretariat), user_id=colleague.id, active=False)

    assert colleague.active is False


def test_a_juror_may_not_deactivate_users(session, secretariat):
    juror = make_user(session, role=Role.JUROR)

    with pytest.raises(NotAllowed):
        users.set_active(session, actor=actor_of(juror), user_id=secretariat.id, active=False)

    assert secretariat.active is True


# --- reset_password -----------------------------------------------------------------------

def test_a_reset_gives_a_new_one_time_password_and_the_old_one_stops_working(session, secretariat):
    juror = make_user(session, role=Role.JUROR)

    one_time = users.reset_password(session, actor=actor_of(secretariat), user_id=juror.id,
                                    bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (password_matches(one_time, juror.password_hash), password_matches(DEFAULT_PASSWORD, juror.password_hash),
            juror.must_change_password) == (True, False, True)


def test_a_reset_is_audited_without_the_password(session, secretariat):
    juror = make_user(session, role=Role.JUROR)

    users.reset_password(session, actor=actor_of(secretariat), user_id=juror.id, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert _audit_of(session, juror)[-1] == (
        secretariat.id, "Mette Kjær Lauridsen (sekretariat)", "user.password_reset", "user", None, None)


# --- change_own_password ------------------------------------------------------------------

@pytest.mark.parametrize(("current", "new", "repeat", "message"), [
    ("Forkert-hest-42", "Ny-adgangskode-1", "Ny-adgangskode-1", "Den nuværende adgangskode er forkert."),
    (DEFAULT_PASSWORD, "Ny-adgangskode-1", "Ny-adgangskode-2", "De to nye adgangskoder er ikke ens."),
    (DEFAULT_PASSWORD, DEFAULT_PASSWORD, DEFAULT_PASSWORD, "Den nye adgangskode skal være en anden end den nuværende."),
    (DEFAULT_PASSWORD, "kort-1", "kort-1", "Adgangskoden skal være på mindst 10 tegn."),
    # 37 characters, but 74 bytes: bcrypt reads at most 72.
    (DEFAULT_PASSWORD, "æ" * 37, "æ" * 37, "Adgangskoden er for lang: højst 72 tegn, og æ, ø og å tæller som to tegn hver."),
    (DEFAULT_PASSWORD, " Ny-adgangskode-1", " Ny-adgangskode-1",
     "Adgangskoden må ikke begynde eller slutte med mellemrum."),
], ids=["wrong-current", "mismatch", "same", "too-short", "over-72-bytes", "leading-space"])
def test_a_refused_password_change_says_why_and_keeps_the_old_password(session, current, new, repeat, message):
    juror = make_user(session, role=Role.JUROR, must_change_password=True)
    old_hash = juror.password_hash

    with pytest.raises(InvalidInput) as refused:
        users.change_own_password(session, actor=actor_of(juror), current=current, new=new, repeat=repeat,
                                  bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (refused.value.message("da"), juror.password_hash, juror.must_change_password) == (message, old_hash, True)


def test_a_changed_password_logs_in_and_no_longer_must_be_changed(session):
    juror = make_user(session, role=Role.JUROR, must_change_password=True)

    users.change_own_password(session, actor=actor_of(juror), current=DEFAULT_PASSWORD, new="Blå-hest-på-eng-7",
                              repeat="Blå-hest-på-eng-7", bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (password_matches("Blå-hest-på-eng-7", juror.password_hash), juror.must_change_password) == (True, False)


def test_a_changed_password_is_audited(session):
    juror = make_user(session, role=Role.JUROR, name="Thomas Brix Nørgaard", username="jury3")

    users.change_own_password(session, actor=actor_of(juror), current=DEFAULT_PASSWORD, new="Blå-hest-på-eng-7",
                              repeat="Blå-hest-på-eng-7", bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert _audit_of(session, juror)[-1] == (
        juror.id, "Thomas Brix Nørgaard (jury3)", "user.password_changed", "user", None, None)


# --- set_locale ---------------------------------------------------------------------------

def test_a_user_chooses_english(session):
    juror = make_user(session, role=Role.JUROR)

    users.set_locale(session, actor=actor_of(juror), locale="en")

    assert juror.locale == "en"


def test_an_unknown_language_is_refused(session):
    juror = make_user(session, role=Role.JUROR)

    with pytest.raises(InvalidInput) as refused:
        users.set_locale(session, actor=actor_of(juror), locale="fr")

    assert (refused.value.message("da"), juror.locale) == ("Ugyldigt input.", "da")


def test_the_phase_does_not_matter_for_user_administration(session, secretariat):
    make_year(session, phase=Phase.ARCHIVED)

    user, _ = _create(session, secretariat, _new_juror())

    assert user.username == "birgitte"
