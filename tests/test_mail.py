"""Sending the outbox through a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.header import decode_header, make_header

import pytest
from sqlalchemy.orm import Session

from prize.db import session_scope
from prize.mail.dispatch import (FIRST_RETRY, LEASE, MAX_ATTEMPTS, RETRY_CAP, SendReport, next_try_after_failure,
                                 retry_delay, send_due)
from prize.mail.smtp import SmtpTransport
from prize.mail.worker import OutboxWorker
from prize.models import MailKind, OutboxMessage
from prize.queries.outbox import claim_due
from prize.services.mail import queue_message
from tests.mail_server import SENDER, SENDER_NAME

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MOMENT = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)
SUBJECT = "Kvittering: indstillingen af Stenhøj Vestermark er modtaget"
BODY = "Kære Anne Marie Søndergaard\n\nÆbler, øl og å: tak for indstillingen.\n"


def _queue(engine, *, recipient: str = "anne@example.dk", subject: str = SUBJECT, body: str = BODY,
           now: datetime = MOMENT) -> int:
    with session_scope(engine) as session:
        return queue_message(session, recipient=recipient, locale="da", kind=MailKind.RECEIPT, subject=subject,
                             body=body, related=("nomination", 7), now=now)


def _send(engine, server, *, at: datetime = MOMENT, **settings: str) -> SendReport:
    transport = SmtpTransport(server.settings(**settings))
    try:
        return send_due(engine, transport=transport, now=lambda: at)
    finally:
        transport.close()


def _stored(engine, message_id: int) -> tuple:
    with Session(engine) as session:
        message = session.get(OutboxMessage, message_id)
        return message.attempts, message.next_try_at, message.last_error, message.sent_at


# --- What arrives ----------------------------------------------------------------------------

def test_a_message_arrives_with_sender_recipient_and_danish_subject_and_body(engine, mail_server):
    message_id = _queue(engine)

    report = _send(engine, mail_server)

    assert report == SendReport(sent=1, failed=0)
    [received] = mail_server.received
    message = received.message
    assert (received.mail_from, received.rcpt_tos) == (SENDER, ("anne@example.dk",))
    assert (message["From"], message["To"], message["Subject"], message["Content-Language"],
            message["Auto-Submitted"], message.get_content_type(), message.get_content_charset(),
            message.get_content()) == (
        f'"{SENDER_NAME}" <{SENDER}>', "anne@example.dk", SUBJECT, "da", "auto-generated", "text/plain", "utf-8",
        BODY.replace("\n", "\r\n"))
    assert _stored(engine, message_id) == (1, None, None, MOMENT)


def test_danish_letters_in_headers_are_encoded_as_rfc_2047_and_decode_exactly(engine, mail_server):
    _queue(engine)

    _send(engine, mail_server, PRIZE_MAIL_SENDER_NAME="Landsbyprisen, Regional Udvikling Århus")

    received = mail_server.received[0]
    raw_subject, raw_from = received.raw_header("Subject"), received.raw_header("From")
    assert (raw_subject, raw_from) == (
        "Kvittering: indstillingen af =?utf-8?q?Stenh=C3=B8j?= Vestermark er modtaget",
        "=?utf-8?q?Landsbyprisen=2C_Regional_Udvikling_=C3=85rhus?= <landsbyprisen@rm.dk>")
    assert (str(make_header(decode_header(raw_subject))), received.message["From"].addresses[0].display_name) == (
        SUBJECT, "Landsbyprisen, Regional Udvikling Århus")


def test_the_whole_message_on_the_wire_is_seven_bit(engine, mail_server):
    _queue(engine)

    _send(engine, mail_server)

    assert mail_server.received[0].raw.isascii() is True


def test_a_line_break_in_a_subject_never_reaches_the_header(engine, mail_server):
    _queue(engine, subject="Kvittering\r\nBcc: alle@example.dk")

    _send(engine, mail_server)

    [received] = mail_server.received
    assert (received.message["Subject"], received.message["Bcc"], received.rcpt_tos) == (
        "Kvittering Bcc: alle@example.dk", None, ("anne@example.dk",))


def test_a_message_of_a_rolled_back_action_is_never_written(engine, mail_server):
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        queue_message(session, recipient="anne@example.dk", locale="da", kind=MailKind.RECEIPT, subject=SUBJECT,
                      body=BODY, now=MOMENT)
        raise RuntimeError("the action failed after writing its mail")

    report = _send(engine, mail_server)

    assert (report, mail_server.received) == (SendReport(sent=0, failed=0), [])


def test_a_sent_message_is_not_sent_again(engine, mail_server):
    _queue(engine)
    _send(engine, mail_server)

    again = _send(engine, mail_server, at=MOMENT + timedelta(days=1))

    assert (again, len(mail_server.received)) == (SendReport(sent=0, failed=0), 1)


# --- Failure, backoff and retry --------------------------------------------------------------

def test_with_the_server_down_the_failure_is_recorded_and_tried_again_a_minute_later(engine, mail_server_down):
    message_id = _queue(engine)

    report = _send(engine, mail_server_down)

    attempts, next_try_at, last_error, sent_at = _stored(engine, message_id)
    assert report == SendReport(sent=0, failed=1)
    assert (attempts, next_try_at, last_error.split(":")[0], sent_at) == (
        1, MOMENT + FIRST_RETRY, "ConnectionRefusedError", None)


def test_before_its_next_try_a_failed_message_is_left_alone(engine, mail_server_down):
    message_id = _queue(engine)
    _send(engine, mail_server_down)
    mail_server_down.start()

    report = _send(engine, mail_server_down, at=MOMENT + FIRST_RETRY - timedelta(seconds=1))

    assert (report, mail_server_down.received, _stored(engine, message_id)[0]) == (
        SendReport(sent=0, failed=0), [], 1)


def test_once_the_server_is_up_the_retry_delivers_and_clears_the_error(engine, mail_server_down):
    message_id = _queue(engine)
    _send(engine, mail_server_down)
    mail_server_down.start()

    report = _send(engine, mail_server_down, at=MOMENT + FIRST_RETRY)

    assert report == SendReport(sent=1, failed=0)
    assert [received.message["Subject"] for received in mail_server_down.received] == [SUBJECT]
    assert _stored(engine, message_id) == (2, None, None, MOMENT + FIRST_RETRY)


def test_the_wait_doubles_after_each_failure_up_to_the_cap():
    assert [retry_delay(attempts) for attempts in (1, 2, 3, 4, 9)] == [
        timedelta(minutes=1), timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8),
        timedelta(minutes=256)]
    assert retry_delay(20) == RETRY_CAP == timedelta(hours=6)


def test_after_the_last_attempt_a_message_waits_for_a_retry_by_hand():
    assert (next_try_after_failure(MAX_ATTEMPTS - 1, MOMENT), next_try_after_failure(MAX_ATTEMPTS, MOMENT)) == (
        MOMENT + RETRY_CAP, None)


def test_a_message_taken_by_one_sender_is_skipped_by_another_until_its_lease_runs_out(engine):
    message_id = _queue(engine)
    with session_scope(engine) as session:
        first = [message.id for message in claim_due(session, now=MOMENT, lease=LEASE, limit=10)]

    with session_scope(engine) as session:
        second = [message.id for message in claim_due(session, now=MOMENT + LEASE - timedelta(seconds=1),
                                                      lease=LEASE, limit=10)]
        after_lease = [message.id for message in claim_due(session, now=MOMENT + LEASE, lease=LEASE, limit=10)]

    assert (first, second, after_lease) == ([message_id], [], [message_id])


# --- The sender of the app and of the command line -------------------------------------------

def test_the_apps_sender_sends_as_soon_as_the_writing_transaction_commits(engine, db_url, mail_server):
    # A poll far beyond the test: only the nudge of the commit can wake the sender.
    worker = OutboxWorker(load_settings=lambda: mail_server.settings(PRIZE_DATABASE_URL=db_url), poll_seconds=3600)
    worker.start()
    try:
        _queue(engine, now=datetime.now(UTC))
        delivered = mail_server.wait_for(1, timeout=60)
    finally:
        worker.stop()

    assert (delivered, [received.message["Subject"] for received in mail_server.received]) == (True, [SUBJECT])


def test_the_outbox_survives_a_restart_and_a_new_process_sends_it(engine, db_url, mail_server):
    _queue(engine, now=datetime.now(UTC) - timedelta(minutes=1))
    engine.dispose()  # the app stops; the message is only in the table now
    env = {**os.environ, "PRIZE_DATABASE_URL": db_url, **mail_server.environment()}

    done = subprocess.run([sys.executable, "-m", "prize", "outbox", "send"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)

    assert (done.returncode, done.stdout, done.stderr) == (
        0, "Udgående post: 1 sendt, 0 fejlet (prøves igen senere).\n", "")
    assert [(received.rcpt_tos, received.message["Subject"]) for received in mail_server.received] == [
        (("anne@example.dk",), SUBJECT)]


def test_the_command_line_without_an_smtp_server_refuses_and_sends_nothing(engine, db_url):
    _queue(engine)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PRIZE_SMTP")}
    env["PRIZE_DATABASE_URL"] = db_url

    done = subprocess.run([sys.executable, "-m", "prize", "outbox", "send"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)

    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", "Fejl: Der er ingen SMTP-server sat op (PRIZE_SMTP_HOST og PRIZE_MAIL_SENDER_ADDRESS): intet er "
               "sendt.\n")
