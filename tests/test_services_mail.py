"""Writing e-mail to the outbox: receipts, invitations, password resets, reminders,
the shortlist and the seminar; and the secretariat's outbox."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused, NotAllowed, OutOfPhase
from prize.db import session_scope
from prize.mail.dispatch import SendReport, send_due
from prize.mail.links import MailLinks
from prize.mail.smtp import SmtpTransport
from prize.models import AuditEntry, MailKind, Nomination, OutboxMessage, User
from prize.password_links import QUERY_PARAMETER
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.auth import check_login
from prize.services.mail import (RESET_LIMIT, RESET_WINDOW, MailState, mark_sent_by_hand, outbox_overview,
                                 queue_jury_reminders, queue_message, queue_seminar_invitation, queue_shortlist_publication,
                                 retry_message)
from prize.services.nominations import submit_nomination, update_field
from prize.services.password_links import password_link_holder, request_password_reset, set_password_by_link
from prize.services.receipts import receipt_for
from prize.services.users import NewUser, invite_user
from prize.services.years import YearInfo
from tests.factories import (TEST_BCRYPT_ROUNDS, actor_of, make_body, make_finalist, make_nomination, make_user,
                             make_year)
from tests.mail_server import PUBLIC_URL
from tests.test_services_progress import _small_round

NOW = datetime(2020, 1, 13, 11, 0, tzinfo=UTC)
KEY = "link-key-for-the-tests-long-enough-for-hs256"
LINKS = MailLinks(base_url="https://landsbyprisen.rm.dk", key=KEY, valid_for=timedelta(hours=72))
NEW_PASSWORD = "Mit-eget-kodeord-2020"


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Lauridsen",
                              email="mette@example.dk"))


def _outbox(session) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _link_token(body: str) -> str:
    url = re.search(r"https://\S+", body).group(0)
    return parse_qs(urlparse(url).query)[QUERY_PARAMETER][0]


def _audits(session, action: str) -> list[tuple[str, str | None]]:
    return [(entry.actor_label, entry.new_value) for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))]


# --- The receipt -----------------------------------------------------------------------------

@pytest.fixture
def submitted_draft(session):
    """A complete draft of LAG Randers-Favrskov, its nominator writing English, ready to submit."""
    year = make_year(session, year=2020, phase=Phase.NOMINATIONS_OPEN, title="Landsbyprisen 2020")
    year.nomination_deadline = NOW + timedelta(days=2)
    body = make_body(session)
    user = make_user(session, role=Role.NOMINATOR, body=body, username="lag.randers", name="Jens Bundgaard",
                     email="jens@example.dk")
    user.locale = "en"
    nomination = make_nomination(session, year=year, body=body, status=NominationStatus.DRAFT)
    actor = actor_of(user)
    for field, value in {"summary": "Landsbyen, der selv ejer sin varme.", "contact_name": "Anne Marie Søndergaard",
                         "contact_email": "anne@example.dk", "video_url": "https://video.example.dk/s"}.items():
        update_field(session, actor=actor, nomination_id=nomination.id, field=field, value=value, now=NOW)
    return actor, nomination.id


def test_submitting_writes_the_receipt_to_the_nominator_in_english_and_the_contact_in_danish(session,
                                                                                              submitted_draft):
    actor, nomination_id = submitted_draft

    submit_nomination(session, actor=actor, nomination_id=nomination_id, links=LINKS, now=NOW)

    receipt_id = receipt_for(session, actor=actor, nomination_id=nomination_id).receipt_id
    assert [(m.recipient, m.locale, m.kind, m.subject, m.related_entity, m.related_id, m.next_try_at)
            for m in _outbox(session)] == [
        ("jens@example.dk", "en", MailKind.RECEIPT, "Receipt: the nomination of Stenhøj Vestermark has been received",
         "nomination", nomination_id, NOW),
        ("anne@example.dk", "da", MailKind.RECEIPT, "Kvittering: indstillingen af Stenhøj Vestermark er modtaget",
         "nomination", nomination_id, NOW)]
    assert _outbox(session)[1].body == (
        "Kære Anne Marie Søndergaard\n\n"
        "Tak for indstillingen af Stenhøj Vestermark til Landsbyprisen 2020. Den blev indsendt 13. januar 2020 "
        "kl. 12:00.\n\n"
        f"Kvitteringsnummer: {receipt_id}\nIndstillet af: LAG Randers-Favrskov\nKommune: Randers\n"
        "Materiale: 0 fil(er)\n\n"
        "Du kan se indstillingen og hente kvitteringen som PDF under «Mine indstillinger», når du logger ind:\n"
        "https://landsbyprisen.rm.dk/my_nominations\n\n"
        "Venlig hilsen\nSekretariatet for Landsbyprisen\nRegion Midtjylland")


def test_a_refused_submission_writes_no_receipt(session, submitted_draft):
    actor, nomination_id = submitted_draft
    update_field(session, actor=actor, nomination_id=nomination_id, field="summary", value="", now=NOW)

    with pytest.raises(InvalidInput):
        submit_nomination(session, actor=actor, nomination_id=nomination_id, links=LINKS, now=NOW)

    assert _outbox(session) == []


# --- Invitations and password links ----------------------------------------------------------

def _invite_karen(session, secretariat, *, now=NOW):
    return invite_user(session, actor=secretariat, links=LINKS, bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=now,
                       new=NewUser(username="karen.juul", name="Karen Juul Mogensen", email="karen@example.dk",
                                   role=Role.JUROR))


def test_an_invitation_carries_the_username_and_a_password_link_instead_of_a_password(session, secretariat):
    user = _invite_karen(session, secretariat)

    [message] = _outbox(session)
    token = _link_token(message.body)
    assert (message.recipient, message.kind, message.subject) == (
        "karen@example.dk", MailKind.INVITATION, "Invitation til Landsbyprisen")
    assert message.body == (
        "Kære Karen Juul Mogensen\n\n"
        "Mette Lauridsen har oprettet dig som Jurymedlem i Landsbyprisen, Region Midtjyllands pris til landsbyer.\n\n"
        "Dit brugernavn er: karen.juul\n\n"
        "Vælg din egen adgangskode via linket herunder. Linket virker én gang og udløber 16. januar 2020 kl. 12:00:\n"
        f"https://landsbyprisen.rm.dk/?adgang={token}\n\n"
        "Er linket udløbet, kan du bede om et nyt under «Glemt adgangskode?» på login-siden. Venter du ikke denne "
        "mail, kan du se bort fra den.\n\n"
        "Venlig hilsen\nSekretariatet for Landsbyprisen\nRegion Midtjylland")
    assert (user.must_change_password, password_link_holder(session, token=token, key=KEY, now=NOW).username) == (
        True, "karen.juul")


def test_an_invitation_needs_an_email_address(session, secretariat):
    with pytest.raises(InvalidInput) as refused:
        invite_user(session, actor=secretariat, links=LINKS, new=NewUser(
            username="karen.juul", name="Karen Juul Mogensen", email="", role=Role.JUROR))

    assert (refused.value.message(plain=True), _outbox(session)) == ("Feltet «E-mail» skal udfyldes.", [])


def test_the_invited_user_chooses_a_password_through_the_link_and_logs_in_with_it(session, secretariat):
    _invite_karen(session, secretariat)
    token = _link_token(_outbox(session)[0].body)

    username = set_password_by_link(session, token=token, key=KEY, new=NEW_PASSWORD, repeat=NEW_PASSWORD,
                                    bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW + timedelta(hours=1))

    actor = check_login(session, username="karen.juul", password=NEW_PASSWORD)
    assert (username, actor.username, actor.must_change_password) == ("karen.juul", "karen.juul", False)
    assert _audits(session, "user.password_set_by_link") == [("Karen Juul Mogensen (karen.juul)", None)]


def test_a_password_link_works_once(session, secretariat):
    _invite_karen(session, secretariat)
    token = _link_token(_outbox(session)[0].body)
    set_password_by_link(session, token=token, key=KEY, new=NEW_PASSWORD, repeat=NEW_PASSWORD,
                         bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW)

    with pytest.raises(InvalidInput) as refused:
        set_password_by_link(session, token=token, key=KEY, new="Et-andet-kodeord-99", repeat="Et-andet-kodeord-99",
                             bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW)

    assert refused.value.message(plain=True) == (
        "Linket er ugyldigt, udløbet eller allerede brugt. Bed om et nyt under «Glemt adgangskode?» på login-siden.")
    assert check_login(session, username="karen.juul", password=NEW_PASSWORD).username == "karen.juul"


@pytest.mark.parametrize("spoil", ["expired", "other_key", "deactivated", "garbage"])
def test_a_link_that_does_not_work_reads_as_no_link_at_all(session, secretariat, spoil):
    user = _invite_karen(session, secretariat)
    token, key, now = _link_token(_outbox(session)[0].body), KEY, NOW
    if spoil == "expired":
        now = NOW + LINKS.valid_for
    elif spoil == "other_key":
        key = "another-key-for-the-tests-long-enough-for-hs256"
    elif spoil == "deactivated":
        session.get(User, user.id).active = False
        session.flush()
    else:
        token = token[:-4] + "AAAA"

    assert password_link_holder(session, token=token, key=key, now=now) is None
    with pytest.raises(InvalidInput):
        set_password_by_link(session, token=token, key=key, new=NEW_PASSWORD, repeat=NEW_PASSWORD, now=now)


def test_two_different_passwords_through_a_link_change_nothing(session, secretariat):
    _invite_karen(session, secretariat)
    token = _link_token(_outbox(session)[0].body)

    with pytest.raises(InvalidInput) as refused:
        set_password_by_link(session, token=token, key=KEY, new=NEW_PASSWORD, repeat="Noget-andet-2020", now=NOW)

    assert refused.value.key == "errors.password_mismatch"
    assert password_link_holder(session, token=token, key=KEY, now=NOW).username == "karen.juul"
    with pytest.raises(LoginRefused):
        check_login(session, username="karen.juul", password=NEW_PASSWORD)


# --- Asking for a new password ---------------------------------------------------------------

def test_a_reset_for_an_unknown_address_writes_nothing_and_says_nothing(session):
    answer = request_password_reset(session, email="ukendt@example.dk", links=LINKS, now=NOW)

    assert (answer, _outbox(session)) == (None, [])


def test_a_reset_for_a_known_address_writes_a_link_to_each_active_user_with_it(session):
    jens = make_user(session, role=Role.JUROR, username="jens.jury", name="Jens Bundgaard",
                     email="Jens@Example.dk")
    make_user(session, role=Role.NOMINATOR, username="jens.lag", name="Jens Bundgaard", email="jens@example.dk")
    make_user(session, role=Role.JUROR, username="jens.gammel", name="Jens Bundgaard", email="jens@example.dk",
              active=False)

    answer = request_password_reset(session, email=" JENS@example.dk ", links=LINKS, now=NOW)

    messages = _outbox(session)
    assert answer is None
    assert [(m.recipient, m.kind, m.subject, m.related_id) for m in messages] == [
        ("Jens@Example.dk", MailKind.PASSWORD_RESET, "Ny adgangskode til Landsbyprisen", jens.id),
        ("jens@example.dk", MailKind.PASSWORD_RESET, "Ny adgangskode til Landsbyprisen", jens.id + 1)]
    assert [password_link_holder(session, token=_link_token(m.body), key=KEY, now=NOW).username
            for m in messages] == ["jens.jury", "jens.lag"]


def test_resets_for_one_address_are_limited_per_hour(session):
    make_user(session, role=Role.JUROR, username="jens.jury", name="Jens Bundgaard", email="jens@example.dk")
    for minute in range(RESET_LIMIT + 2):
        request_password_reset(session, email="jens@example.dk", links=LINKS, now=NOW + timedelta(minutes=minute))
    within = len(_outbox(session))

    request_password_reset(session, email="jens@example.dk", links=LINKS,
                           now=NOW + RESET_WINDOW + timedelta(seconds=1))

    assert (within, len(_outbox(session))) == (RESET_LIMIT, RESET_LIMIT + 1)


def test_a_reset_link_ends_with_the_old_password(session):
    make_user(session, role=Role.JUROR, username="jens.jury", name="Jens Bundgaard", email="jens@example.dk",
              password="Det-gamle-kodeord-1")
    request_password_reset(session, email="jens@example.dk", links=LINKS, now=NOW)

    set_password_by_link(session, token=_link_token(_outbox(session)[0].body), key=KEY, new=NEW_PASSWORD,
                         repeat=NEW_PASSWORD, bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW)

    with pytest.raises(LoginRefused):
        check_login(session, username="jens.jury", password="Det-gamle-kodeord-1")
    assert check_login(session, username="jens.jury", password=NEW_PASSWORD).username == "jens.jury"


# --- Reminders to the jury -------------------------------------------------------------------

def test_each_juror_behind_gets_one_reminder_in_their_own_language(session, secretariat):
    year, _, (anne, bo) = _small_round(session)
    bo.locale = "en"
    session.flush()

    queued = queue_jury_reminders(session, actor=secretariat, year=YearInfo.of(year), links=LINKS, now=NOW)

    messages = _outbox(session)
    assert queued.to == ("Anne Holm", "Bo Berg")
    assert [(m.recipient, m.locale, m.subject) for m in messages] == [
        ("anne@example.dk", "da", "Påmindelse: 1 bedømmelse(r) mangler i Landsbyprisen 2020"),
        ("bo@example.dk", "en", "Reminder: 3 assessment(s) missing in Landsbyprisen 2020")]
    assert messages[0].body == (
        "Kære Anne Holm\n\nDette er en venlig påmindelse om «Første runde» i Landsbyprisen 2020. "
        "Du mangler at indsende 1 af dine 2 bedømmelser. Fristen er 14. februar 2020 kl. 16:00 (dansk tid).\n\n"
        "Du finder kandidaterne under «Bedømmelse», når du logger ind. Har du spørgsmål, er du velkommen til at "
        "kontakte sekretariatet.\n\nVenlig hilsen\nSekretariatet for Landsbyprisen\n\n"
        "Log ind her: https://landsbyprisen.rm.dk/scoring")
    assert _audits(session, "mail.queued") == [
        ("Mette Lauridsen (sekretariat)", '{"kind": "jury_reminder", "messages": 2}')]


def test_a_juror_without_an_address_is_named_and_not_written_to(session, secretariat):
    year, _, (anne, bo) = _small_round(session)
    bo.email = ""
    session.flush()

    queued = queue_jury_reminders(session, actor=secretariat, year=YearInfo.of(year), links=LINKS, now=NOW)

    assert (queued.to, queued.without_email, [m.recipient for m in _outbox(session)]) == (
        ("Anne Holm",), ("Bo Berg",), ["anne@example.dk"])


def test_reminders_are_for_an_open_round_only(session, secretariat):
    year, _, _ = _small_round(session, phase=Phase.SHORTLIST)

    with pytest.raises(OutOfPhase):
        queue_jury_reminders(session, actor=secretariat, year=YearInfo.of(year), links=LINKS, now=NOW)

    assert _outbox(session) == []


# --- The shortlist and the seminar -----------------------------------------------------------

@pytest.fixture
def shortlisted(session):
    """Two bodies: LAG Randers-Favrskov with Aby (finalist) and Bjerg, LAG Djursland with Dal
    (finalist) and a draft; one nominator each with an address, one without."""
    year = make_year(session, phase=Phase.SHORTLIST)
    randers = make_body(session)
    djursland = make_body(session, name="LAG Djursland", municipalities=["Norddjurs", "Syddjurs"])
    aby, bjerg = (make_nomination(session, year=year, body=randers, name=name, status=NominationStatus.ELIGIBLE)
                  for name in ("Aby", "Bjerg"))
    dal = make_nomination(session, year=year, body=djursland, name="Dal", status=NominationStatus.ELIGIBLE)
    make_nomination(session, year=year, body=djursland, name="Kladde", status=NominationStatus.DRAFT)
    make_finalist(session, nomination=dal, position=1)
    make_finalist(session, nomination=aby, position=2)
    make_user(session, role=Role.NOMINATOR, body=randers, username="lag.randers", name="Jens Bundgaard",
              email="jens@example.dk")
    make_user(session, role=Role.NOMINATOR, body=djursland, username="lag.djurs", name="Lone Holm",
              email="lone@example.dk")
    make_user(session, role=Role.NOMINATOR, body=djursland, username="lag.uden", name="Uden Adresse")
    return year


def test_every_nominator_learns_the_shortlist_and_which_of_their_own_went_on(session, secretariat, shortlisted):
    queued = queue_shortlist_publication(session, actor=secretariat, year=YearInfo.of(shortlisted), now=NOW)

    messages = _outbox(session)
    assert (queued.to, [(m.recipient, m.subject) for m in messages]) == (
        ("Lone Holm", "Jens Bundgaard"),
        [("lone@example.dk", "Finalisterne til Landsbyprisen 2020 er udvalgt"),
         ("jens@example.dk", "Finalisterne til Landsbyprisen 2020 er udvalgt")])
    assert messages[1].body == (
        "Kære Jens Bundgaard\n\nJuryen har udvalgt finalisterne til Landsbyprisen 2020:\n"
        "- Dal (Norddjurs)\n- Aby (Randers)\n\n"
        "Jeres indstillinger:\n- Aby: gik videre til finalen\n- Bjerg: gik ikke videre\n\n"
        "Tak for jeres indstillinger og for arbejdet med at finde årets kandidater.\n\n"
        "Venlig hilsen\nSekretariatet for Landsbyprisen\nRegion Midtjylland")


def test_the_shortlist_cannot_be_published_before_there_are_finalists(session, secretariat):
    year = make_year(session, phase=Phase.SCREENING)

    with pytest.raises(InvalidInput) as refused:
        queue_shortlist_publication(session, actor=secretariat, year=YearInfo.of(year), now=NOW)

    assert refused.value.message(plain=True) == (
        "Landsbyprisen 2020 har endnu ingen finalister; offentliggør først finalisterne.")


def test_the_seminar_invitation_goes_to_each_candidates_contacts_once(session, secretariat, shortlisted):
    when = datetime(2020, 3, 10, 15, 0, tzinfo=UTC)

    queued = queue_seminar_invitation(session, actor=secretariat, year=YearInfo.of(shortlisted), when=when,
                                      where="Forsamlingshuset i Aby", now=NOW)

    messages = _outbox(session)
    # make_nomination gives every candidate the contact anne@example.dk: one mail per candidate.
    assert (queued.to, [(m.recipient, m.related_entity) for m in messages]) == (
        ("Anne Marie Søndergaard",) * 3, [("anne@example.dk", "nomination")] * 3)
    assert messages[0].body == (
        "Kære Anne Marie Søndergaard\n\nAby er kandidat til Landsbyprisen 2020, og I inviteres hermed til "
        "prisseminaret.\n\nTid: 10. marts 2020 kl. 16:00\nSted: Forsamlingshuset i Aby\n\n"
        "Vi glæder os til at se jer.\n\nVenlig hilsen\nSekretariatet for Landsbyprisen\nRegion Midtjylland")


def test_a_seminar_without_a_place_is_refused(session, secretariat, shortlisted):
    with pytest.raises(InvalidInput) as refused:
        queue_seminar_invitation(session, actor=secretariat, year=YearInfo.of(shortlisted),
                                 when=datetime(2020, 3, 10, 15, 0, tzinfo=UTC), where="  ", now=NOW)

    assert (refused.value.message(plain=True), _outbox(session)) == ("Feltet «Sted» skal udfyldes.", [])


@pytest.mark.parametrize("role", [Role.NOMINATOR, Role.JUROR, Role.VILLAGE])
def test_only_the_secretariat_sends_announcements(session, shortlisted, role):
    actor = Actor(id=99, username="x.y", name="X Y", role=role, nominating_body_id=1 if role == Role.NOMINATOR
                  else None, nomination_id=1 if role == Role.VILLAGE else None)

    with pytest.raises(NotAllowed):
        queue_shortlist_publication(session, actor=actor, year=YearInfo.of(shortlisted), now=NOW)

    assert _outbox(session) == []


# --- The outbox page's services --------------------------------------------------------------

def _failed(session, secretariat) -> OutboxMessage:
    _invite_karen(session, secretariat)
    message = _outbox(session)[0]
    message.attempts, message.last_error, message.next_try_at = 12, "ConnectionRefusedError: nej", None
    session.flush()
    return message


def test_the_outbox_shows_each_message_with_its_state_newest_first(session, secretariat):
    _failed(session, secretariat)
    request_password_reset(session, email="karen@example.dk", links=LINKS, now=NOW + timedelta(minutes=1))

    frame = outbox_overview(session, actor=secretariat)

    assert list(zip(frame["recipient"], frame["kind"], frame["state"], frame["attempts"], strict=True)) == [
        ("karen@example.dk", MailKind.PASSWORD_RESET, MailState.WAITING, 0),
        ("karen@example.dk", MailKind.INVITATION, MailState.GIVEN_UP, 12)]


def test_a_retry_makes_a_message_that_gave_up_due_now(session, secretariat):
    message = _failed(session, secretariat)

    retry_message(session, actor=secretariat, message_id=message.id, now=NOW + timedelta(days=1))

    session.refresh(message)
    assert (message.next_try_at, outbox_overview(session, actor=secretariat)["state"].tolist()) == (
        NOW + timedelta(days=1), [MailState.FAILED])
    assert _audits(session, "mail.retried")[0][0] == "Mette Lauridsen (sekretariat)"


def test_a_message_copied_by_hand_is_marked_sent_and_cannot_be_retried(session, secretariat):
    message = _failed(session, secretariat)

    mark_sent_by_hand(session, actor=secretariat, message_id=message.id, now=NOW)

    with pytest.raises(InvalidInput) as refused:
        retry_message(session, actor=secretariat, message_id=message.id, now=NOW)
    assert (outbox_overview(session, actor=secretariat)["state"].tolist(), refused.value.message(plain=True)) == (
        [MailState.SENT], "Mailen er allerede sendt.")


def test_only_the_secretariat_sees_the_outbox(session):
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury1"))

    with pytest.raises(NotAllowed):
        outbox_overview(session, actor=juror)


def test_a_subject_longer_than_its_column_is_cut_to_fit(session):
    queue_message(session, recipient="anne@example.dk", locale="da", kind=MailKind.RECEIPT, subject="Å" * 400,
                  body="Tekst", now=NOW)

    assert [message.subject for message in _outbox(session)] == ["Å" * 300]


# --- Through the SMTP server -----------------------------------------------------------------

def _send_all(engine, server, *, at: datetime) -> SendReport:
    transport = SmtpTransport(server.settings())
    try:
        return send_due(engine, transport=transport, now=lambda: at)
    finally:
        transport.close()


def test_the_link_in_a_received_invitation_lets_the_user_choose_a_password(engine, mail_server):
    links = MailLinks.of(mail_server.settings())
    with session_scope(engine) as session:
        secretary = actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat",
                                       name="Mette Lauridsen"))
        invite_user(session, actor=secretary, links=links, bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW,
                    new=NewUser(username="karen.juul", name="Karen Juul Mogensen", email="karen@example.dk",
                                role=Role.JUROR))

    _send_all(engine, mail_server, at=NOW)

    [received] = mail_server.received
    body = received.message.get_content()
    url = re.search(r"https://\S+", body).group(0)
    with session_scope(engine) as session:
        set_password_by_link(session, token=_link_token(body), key=links.key, new=NEW_PASSWORD, repeat=NEW_PASSWORD,
                             bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW + timedelta(hours=71))
    with session_scope(engine) as session:
        actor = check_login(session, username="karen.juul", password=NEW_PASSWORD)
    assert (received.rcpt_tos, received.message["Subject"], url.split("?")[0], actor.username) == (
        ("karen@example.dk",), "Invitation til Landsbyprisen", f"{PUBLIC_URL}/", "karen.juul")


def test_with_the_server_down_a_submission_still_succeeds_and_its_receipt_waits(engine, mail_server_down,
                                                                                submitted_draft_committed):
    actor, nomination_id = submitted_draft_committed
    with session_scope(engine) as session:
        submit_nomination(session, actor=actor, nomination_id=nomination_id, links=LINKS, now=NOW)

    report = _send_all(engine, mail_server_down, at=NOW)

    with session_scope(engine) as session:
        status = session.get(Nomination, nomination_id).status
        waiting = [(m.attempts, m.last_error.split(":")[0], m.sent_at) for m in _outbox(session)]
    assert (report, status) == (SendReport(sent=0, failed=2), NominationStatus.SUBMITTED)
    assert waiting == [(1, "ConnectionRefusedError", None)] * 2


@pytest.fixture
def submitted_draft_committed(engine):
    with session_scope(engine) as session:
        year = make_year(session, year=2020, phase=Phase.NOMINATIONS_OPEN, title="Landsbyprisen 2020")
        year.nomination_deadline = NOW + timedelta(days=2)
        body = make_body(session)
        user = make_user(session, role=Role.NOMINATOR, body=body, username="lag.randers", name="Jens Bundgaard",
                         email="jens@example.dk")
        nomination = make_nomination(session, year=year, body=body, status=NominationStatus.DRAFT)
        actor = actor_of(user)
        for field, value in {"summary": "Landsbyen, der selv ejer sin varme.", "video_url": "https://v.example.dk/s",
                             "contact_name": "Anne Marie Søndergaard", "contact_email": "anne@example.dk"}.items():
            update_field(session, actor=actor, nomination_id=nomination.id, field=field, value=value, now=NOW)
        return actor, nomination.id
