"""Udgående post: the secretariat sees the app's e-mail, retries what failed and,
without an SMTP server, copies each message and marks it sent."""

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from prize.models import MailKind, OutboxMessage
from prize.services.mail import queue_message
from tests.pages.conftest import as_read_table

PAGE = "pages/outbox.py"
WRITTEN = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)
BODY = "Kære Anne Marie Søndergaard\n\nTak for indstillingen af Stenhøj Vestermark."


@pytest.fixture
def one_message(change_database) -> int:
    with change_database() as session:
        return queue_message(session, recipient="anne@example.dk", locale="da", kind=MailKind.RECEIPT,
                             subject="Kvittering: indstillingen af Stenhøj Vestermark er modtaget", body=BODY,
                             related=("nomination", 1), now=WRITTEN)


@pytest.fixture
def failed_message(one_message, change_database) -> int:
    with change_database() as session:
        message = session.get(OutboxMessage, one_message)
        message.attempts, message.last_error, message.next_try_at = 12, "ConnectionRefusedError: [Errno 111]", None
    return one_message


@pytest.fixture
def smtp_configured(monkeypatch):
    monkeypatch.setenv("PRIZE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PRIZE_MAIL_SENDER_ADDRESS", "landsbyprisen@rm.dk")


def _open(open_app, message_id: int | None = None):
    app = open_app("sekretariat").switch_page(PAGE).run()
    if message_id is not None:
        app.selectbox(key="outbox_choose").set_value(message_id)
        app.run()
    return app


def _stored(engine, message_id: int) -> OutboxMessage:
    with Session(engine, expire_on_commit=False) as session:
        return session.get(OutboxMessage, message_id)


def test_without_smtp_the_page_says_so_and_lists_the_waiting_message(demo_site, one_message, open_app, screen):
    app = _open(open_app)

    table = as_read_table(app.table[0])
    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.info)) == (["Udgående post"], [
        "Der er ingen SMTP-server sat op (PRIZE_SMTP_HOST), så appen sender ikke selv. Kopiér modtager, emne og "
        "tekst til din egen e-mail, og markér mailen som sendt."])
    assert table.to_dict("records") == [{
        "Oprettet": "15. januar 2020 kl. 12:00", "Slags": "Kvittering", "Modtager": "anne@example.dk",
        "Emne": "Kvittering: indstillingen af Stenhøj Vestermark er modtaget", "Status": "Venter", "Forsøg": 0,
        "Næste forsøg": "15. januar 2020 kl. 12:00", "Sendt": "-"}]


def test_without_smtp_a_chosen_message_shows_its_text_to_copy(demo_site, one_message, open_app, screen):
    app = _open(open_app, one_message)

    assert len(app.exception) == 0
    assert [code.value for code in app.code] == [BODY]
    assert [button.label for button in app.main.button] == ["Markér som sendt"]


@pytest.mark.both_databases
def test_a_copied_message_is_marked_sent(demo_site, one_message, open_app, screen):
    app = _open(open_app, one_message)

    screen.button(app, "Markér som sendt").click()
    app.run()

    assert len(app.exception) == 0
    assert screen.values(app.success) == ["Mailen til anne@example.dk er markeret som sendt."]
    assert (_stored(demo_site, one_message).sent_at is not None, as_read_table(app.table[0])["Status"].tolist()) == (
        True, ["Sendt"])


def test_with_smtp_the_text_is_not_shown_and_the_failure_is(demo_site, smtp_configured, failed_message, open_app,
                                                            screen):
    app = _open(open_app, failed_message)

    assert len(app.exception) == 0
    assert (screen.values(app.info), len(app.code), screen.values(app.error)) == (
        [], 0, ["Seneste fejl: ConnectionRefusedError: [Errno 111]"])
    assert as_read_table(app.table[0])["Status"].tolist() == ["Opgivet"]


@pytest.mark.both_databases
def test_a_retry_makes_the_failed_message_due_now(demo_site, smtp_configured, failed_message, open_app, screen):
    app = _open(open_app, failed_message)

    screen.button(app, "Prøv igen nu").click()
    app.run()

    assert len(app.exception) == 0
    assert screen.values(app.success) == ["Mailen til anne@example.dk prøves igen nu."]
    assert (_stored(demo_site, failed_message).next_try_at is not None,
            as_read_table(app.table[0])["Status"].tolist()) == (True, ["Fejlet, prøves igen"])


def test_retrying_every_failed_message_at_once(demo_site, smtp_configured, failed_message, open_app, screen):
    app = _open(open_app)

    screen.button(app, "Prøv alle fejlede igen").click()
    app.run()

    assert len(app.exception) == 0
    assert screen.values(app.success) == ["1 mail(s) prøves igen nu."]


def test_an_empty_outbox_says_so(demo_site, open_app, screen):
    app = _open(open_app)

    assert (len(app.exception), screen.values(app.info)[-1], len(app.dataframe)) == (
        0, "Der er ingen mails endnu.", 0)
