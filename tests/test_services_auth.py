from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused
from prize.login_tokens import LoginToken
from prize.models import AuditEntry
from prize.models.base import utcnow
from prize.queries.users import user_by_username
from prize.roles import Role
from prize.services import auth, users
from prize.services.demo import read_demo
from tests.factories import DEFAULT_PASSWORD, TEST_BCRYPT_ROUNDS, actor_of, make_user

WRONG_LOGIN = "Forkert brugernavn eller adgangskode."


def test_a_correct_login_gives_the_users_actor(session):
    juror = make_user(session, role=Role.JUROR, username="jury1", name="Henrik Aagaard Lund")

    actor = auth.check_login(session, username="jury1", password=DEFAULT_PASSWORD)

    assert actor == Actor(id=juror.id, username="jury1", name="Henrik Aagaard Lund", role=Role.JUROR, locale="da",
                          nominating_body_id=None, nomination_id=None, must_change_password=False)


def test_a_login_records_when_it_happened(session):
    juror = make_user(session, role=Role.JUROR, username="jury1")
    before = utcnow()

    auth.check_login(session, username="jury1", password=DEFAULT_PASSWORD)

    assert before <= juror.last_login_at <= utcnow()


def test_the_username_is_read_without_case_and_surrounding_spaces(session):
    make_user(session, role=Role.JUROR, username="jury1")

    actor = auth.check_login(session, username="  JURY1 ", password=DEFAULT_PASSWORD)

    assert actor.username == "jury1"


def test_a_login_tells_that_the_password_must_be_changed(session):
    make_user(session, role=Role.JUROR, username="jury1", must_change_password=True)

    actor = auth.check_login(session, username="jury1", password=DEFAULT_PASSWORD)

    assert actor.must_change_password is True


@pytest.mark.parametrize(("username", "password"), [
    ("jury1", "Forkert-hest-42"),
    ("ukendt", DEFAULT_PASSWORD),
], ids=["wrong-password", "unknown-user"])
def test_a_wrong_password_and_an_unknown_user_get_the_same_message(session, username, password):
    juror = make_user(session, role=Role.JUROR, username="jury1")

    with pytest.raises(LoginRefused) as refused:
        auth.check_login(session, username=username, password=password)

    assert (refused.value.message("da"), juror.last_login_at) == (WRONG_LOGIN, None)


def test_a_deactivated_user_with_the_right_password_is_told_so(session):
    make_user(session, role=Role.JUROR, username="jury1", active=False)

    with pytest.raises(LoginRefused) as refused:
        auth.check_login(session, username="jury1", password=DEFAULT_PASSWORD)

    assert refused.value.message("da") == (
        "Brugeren er deaktiveret. Kontakt sekretariatet, hvis du skal have adgang igen.")


def test_a_deactivated_user_with_a_wrong_password_gets_the_general_message(session):
    make_user(session, role=Role.JUROR, username="jury1", active=False)

    with pytest.raises(LoginRefused) as refused:
        auth.check_login(session, username="jury1", password="Forkert-hest-42")

    assert refused.value.message("da") == WRONG_LOGIN


@pytest.mark.parametrize(("username", "password"), [("", ""), ("jury1", ""), ("  ", DEFAULT_PASSWORD)],
                         ids=["both-empty", "no-password", "blank-username"])
def test_an_empty_login_asks_for_both_fields_and_counts_no_failure(session, username, password):
    juror = make_user(session, role=Role.JUROR, username="jury1")

    with pytest.raises(InvalidInput) as refused:
        auth.check_login(session, username=username, password=password)

    assert (refused.value.message("da"), juror.failed_logins) == (
        "Skriv både dit brugernavn og din adgangskode.", 0)


def test_a_password_over_72_bytes_is_refused_as_too_long(session):
    make_user(session, role=Role.JUROR, username="jury1")

    with pytest.raises(InvalidInput) as refused:
        auth.check_login(session, username="jury1", password="ø" * 37)

    assert refused.value.message("da") == "Adgangskoden er for lang: højst 72 tegn, og æ, ø og å tæller som to tegn hver."


def test_a_password_of_exactly_72_bytes_is_checked_normally(session):
    make_user(session, role=Role.JUROR, username="jury1")

    with pytest.raises(LoginRefused) as refused:
        auth.check_login(session, username="jury1", password="ø" * 36)

    assert refused.value.message("da") == WRONG_LOGIN


def test_the_login_directory_lists_only_active_users(session):
    make_user(session, role=Role.SECRETARIAT, username="sekretariat")
    make_user(session, role=Role.JUROR, username="jury1")
    make_user(session, role=Role.JUROR, username="jury2", active=False)

    directory = auth.login_directory(session)

    assert sorted(directory.actors) == ["jury1", "sekretariat"]


def test_the_credentials_carry_name_hash_and_role(session):
    juror = make_user(session, role=Role.JUROR, username="jury1", name="Henrik Aagaard Lund")

    credentials = auth.login_directory(session).credentials()

    assert credentials == {"usernames": {"jury1": {
        "name": "Henrik Aagaard Lund", "password": juror.password_hash, "roles": ["juror"],
        "failed_login_attempts": 0, "logged_in": False}}}


def test_every_call_gives_fresh_credentials_that_a_caller_may_change(session):
    make_user(session, role=Role.JUROR, username="jury1", name="Henrik Aagaard Lund")
    directory = auth.login_directory(session)
    first = directory.credentials()
    first["usernames"]["jury1"]["failed_login_attempts"] = 3
    first["usernames"]["jury1"]["roles"].append("secretariat")
    first["usernames"]["intruder"] = {}

    second = directory.credentials()

    assert second == {"usernames": {"jury1": {
        "name": "Henrik Aagaard Lund", "password": directory.password_hashes["jury1"], "roles": ["juror"],
        "failed_login_attempts": 0, "logged_in": False}}}


def test_the_login_directory_knows_each_users_actor(session):
    nominator = make_user(session, role=Role.NOMINATOR, username="lag.randers")

    directory = auth.login_directory(session)

    assert directory.actors == {"lag.randers": actor_of(nominator)}


def _demo_usernames() -> list[str]:
    return [user["username"] for user in read_demo()["users"]]


def test_after_loading_the_demo_every_demo_user_has_the_demo_password(demo_engine):
    with Session(demo_engine) as session:
        still = auth.demo_passwords_in_use(session, usernames=_demo_usernames(), demo_password="Landsby-2020")

    assert still == ["ildsjael", "jury1", "jury2", "jury3", "jury4", "jury5", "kommune.samsoe", "lag.randers",
                     "sekretariat"]


def test_demo_users_who_changed_or_were_given_a_password_are_not_listed_but_deactivated_ones_are(demo_engine):
    with Session(demo_engine) as session:
        secretariat = actor_of(user_by_username(session, "sekretariat"))
        users.change_own_password(session, actor=actor_of(user_by_username(session, "jury1")),
                                  current="Landsby-2020", new="Et-nyt-kodeord-1", repeat="Et-nyt-kodeord-1",
                                  bcrypt_rounds=TEST_BCRYPT_ROUNDS)
        users.set_active(session, actor=secretariat, user_id=user_by_username(session, "jury2").id, active=False)
        users.reset_password(session, actor=secretariat, user_id=user_by_username(session, "ildsjael").id,
                             bcrypt_rounds=TEST_BCRYPT_ROUNDS)

        still = auth.demo_passwords_in_use(session, usernames=_demo_usernames(), demo_password="Landsby-2020")

    assert still == ["jury2", "jury3", "jury4", "jury5", "kommune.samsoe", "lag.randers", "sekretariat"]


def test_five_wrong_passwords_lock_the_account_and_audit_it(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    now = datetime(2020, 2, 1, 10, 0, tzinfo=UTC)

    refusals = [auth.attempt_login(session, username="jury1", password="Forkert-hest-42", now=now).refusal
                for _ in range(auth.MAX_FAILED_LOGINS)]

    assert [r.message("da") for r in refusals[:-1]] == ["Forkert brugernavn eller adgangskode."] * 4
    assert refusals[-1].message("da") == (
        "For mange forkerte forsøg. Kontoen er låst til 1. februar 2020 kl. 11:15; "
        "sekretariatet kan låse den op med en ny engangsadgangskode.")
    session.refresh(user)
    assert (user.locked_until, user.failed_logins) == (now + auth.LOCKOUT, 5)
    assert session.execute(select(AuditEntry.action, AuditEntry.actor_label, AuditEntry.entity_id)
                           .where(AuditEntry.action == "user.locked")).all() == [
        ("user.locked", "Systemet (system)", user.id)]


def test_a_locked_account_refuses_even_the_right_password_until_the_lock_ends(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    now = datetime(2020, 2, 1, 10, 0, tzinfo=UTC)
    user.locked_until = now + auth.LOCKOUT

    during = auth.attempt_login(session, username="jury1", password=DEFAULT_PASSWORD, now=now)
    after = auth.attempt_login(session, username="jury1", password=DEFAULT_PASSWORD, now=now + auth.LOCKOUT)

    assert (during.actor, during.refusal.key) == (None, "errors.login_locked")
    assert (after.actor.username, after.refusal, user.locked_until) == ("jury1", None, None)


def test_a_right_password_resets_the_count_of_failures(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    for _ in range(auth.MAX_FAILED_LOGINS - 1):
        auth.attempt_login(session, username="jury1", password="Forkert-hest-42")

    auth.attempt_login(session, username="jury1", password=DEFAULT_PASSWORD)
    last = auth.attempt_login(session, username="jury1", password="Forkert-hest-42")

    assert (user.failed_logins, user.locked_until, last.refusal.key) == (1, None, "errors.login_refused")


def test_a_new_one_time_password_lifts_the_lock(session):
    secretariat = make_user(session, role=Role.SECRETARIAT, username="sekretariat")
    user = make_user(session, role=Role.JUROR, username="jury1")
    user.locked_until, user.failed_logins = datetime(2099, 1, 1, tzinfo=UTC), 3

    users.reset_password(session, actor=actor_of(secretariat), user_id=user.id, bcrypt_rounds=4)

    assert (user.locked_until, user.failed_logins) == (None, 0)


# --- Sessions that end ----------------------------------------------------------------------

LOGIN_NOW = datetime(2030, 2, 1, 10, 0, tzinfo=UTC)


def _token_of(user) -> LoginToken:
    return LoginToken(username=user.username, session_version=user.session_version, issued_at=LOGIN_NOW,
                      expires_at=LOGIN_NOW)


def _opens_a_session(session, token: LoginToken) -> bool:
    return auth.login_directory(session).actor_for(token) is not None


def test_a_login_hands_out_the_session_version_its_cookie_is_issued_for(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    user.session_version = 4

    attempt = auth.attempt_login(session, username="jury1", password=DEFAULT_PASSWORD)

    assert (attempt.actor.username, attempt.session_version) == ("jury1", 4)


def test_a_cookie_of_the_current_session_version_opens_a_session(session):
    user = make_user(session, role=Role.JUROR, username="jury1")

    assert _opens_a_session(session, _token_of(user)) is True


def test_logging_out_ends_every_login_issued_before(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    before = _token_of(user)

    users.log_out(session, actor=actor_of(user))

    assert (_opens_a_session(session, before), user.session_version) == (False, 1)


def test_changing_the_own_password_ends_older_logins_and_gives_the_new_version(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    before = _token_of(user)

    version = users.change_own_password(session, actor=actor_of(user), current=DEFAULT_PASSWORD,
                                        new="Et-nyt-kodeord-1", repeat="Et-nyt-kodeord-1",
                                        bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (_opens_a_session(session, before), version, _opens_a_session(session, _token_of(user))) == (
        False, 1, True)


def test_a_new_one_time_password_ends_the_users_logins(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    before = _token_of(user)

    users.reset_password(session, actor=Actor.command_line(), user_id=user.id, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert _opens_a_session(session, before) is False


def test_deactivation_ends_the_users_logins_and_reactivation_does_not_revive_them(session):
    user = make_user(session, role=Role.JUROR, username="jury1")
    before = _token_of(user)

    users.set_active(session, actor=Actor.command_line(), user_id=user.id, active=False)
    users.set_active(session, actor=Actor.command_line(), user_id=user.id, active=True)

    assert _opens_a_session(session, before) is False


def _login_holds(session, username: str | None, version: object) -> bool:
    return auth.login_is_current(session, username=username, session_version=version)


def test_a_login_holds_until_a_logout_elsewhere_a_new_password_or_a_deactivation(session):
    nominator = make_user(session, role=Role.NOMINATOR, username="lag.randers")
    contact = make_user(session, role=Role.JUROR, username="jury1")
    juror = make_user(session, role=Role.JUROR, username="jury2")
    holding = [_login_holds(session, name, 0) for name in ("lag.randers", "jury1", "jury2")]

    users.log_out(session, actor=actor_of(nominator))
    users.reset_password(session, actor=Actor.command_line(), user_id=contact.id, bcrypt_rounds=TEST_BCRYPT_ROUNDS)
    users.set_active(session, actor=Actor.command_line(), user_id=juror.id, active=False)

    assert (holding, [_login_holds(session, name, 0) for name in ("lag.randers", "jury1", "jury2")],
            _login_holds(session, "lag.randers", 1)) == ([True, True, True], [False, False, False], True)


@pytest.mark.parametrize(("username", "version"), [(None, 0), ("", 0), ("ukendt", 0), ("jury1", None)],
                         ids=["no-user", "blank-user", "unknown-user", "no-version"])
def test_no_login_holds_without_a_known_user_and_version(session, username, version):
    make_user(session, role=Role.JUROR, username="jury1")

    assert _login_holds(session, username, version) is False


def test_logging_out_is_audited(session):
    user = make_user(session, role=Role.JUROR, username="jury1")

    users.log_out(session, actor=actor_of(user))

    assert session.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.new_value)
                           .where(AuditEntry.action == "user.logged_out")).all() == [
        ("user.logged_out", user.id, '{"session_version": 1}')]


@pytest.mark.parametrize("username", ["jury\x001", "jury1\x00", "\x00", "jury\n1", "jury\x1b1", "jury\u202e1",
                                      "ju ry1", "x" * 200],
                         ids=["nul-inside", "nul-at-end", "only-nul", "newline", "escape", "bidi", "space", "long"])
def test_a_username_with_control_characters_is_refused_like_a_wrong_one(session, username):
    make_user(session, role=Role.JUROR, username="jury1")

    attempt = auth.attempt_login(session, username=username, password=DEFAULT_PASSWORD)

    assert (attempt.actor, attempt.refusal.message("da")) == (None, WRONG_LOGIN)


def test_a_password_with_a_nul_byte_is_refused_like_a_wrong_one(session):
    make_user(session, role=Role.JUROR, username="jury1")

    attempt = auth.attempt_login(session, username="jury1", password="Korrekt\x00hest-42")

    assert (attempt.actor, attempt.refusal.message("da")) == (None, WRONG_LOGIN)


def test_the_demo_password_cannot_become_anyones_own(session):
    user = make_user(session, role=Role.JUROR, username="jury1")

    with pytest.raises(InvalidInput) as refused:
        users.change_own_password(session, actor=actor_of(user), current=DEFAULT_PASSWORD,
                                  new=read_demo()["demo_password"], repeat=read_demo()["demo_password"],
                                  bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert refused.value.message("da") == "Demoens fælles adgangskode kan ikke bruges som din egen. Vælg en anden."
