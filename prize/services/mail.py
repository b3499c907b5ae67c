"""Writing e-mail to the outbox, in the transaction of the action that asks for it,
and the secretariat's view of the outbox.

A message is rendered when it is written (``mail.<kind>`` in the catalog, in the
recipient's language) and stored whole, so what is sent, retried or copied by
hand is exactly what was written. Once the transaction commits, this process's
sender is nudged (``prize.mail.worker``); a rolled-back action leaves no message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import when_transaction_ends
from prize.errors import InvalidInput, NotFound
from prize.i18n import LOCALES, format_moment, normalise_locale, t_plain
from prize.mail.links import MailLinks
from prize.mail.worker import nudge
from prize.models import MailKind, Nomination, OutboxMessage, User
from prize.models.base import utcnow
from prize.models.outbox import SUBJECT_LENGTH
from prize.permissions import Action, require
from prize.queries import mail_recipients as recipients
from prize.queries import outbox as outbox_queries
from prize.services.audit import record_change
from prize.services.progress import progress_matrix, reminders
from prize.services.receipts import receipt_for
from prize.services.years import YearInfo
from prize.validation import clean_text

# A password reset is written at most this often per address in RESET_WINDOW; more
# requests get the same answer and write nothing.
RESET_LIMIT = 3
RESET_WINDOW = timedelta(hours=1)
OUTBOX_PAGE_LIMIT = 500


class MailState(StrEnum):
    """Where a message stands, for the outbox page."""

    WAITING = "waiting"
    FAILED = "failed"  # failed at least once; tried again when due
    GIVEN_UP = "given_up"  # failed too often: waits for the secretariat's retry
    SENT = "sent"


def mail_state(*, sent_at: object, next_try_at: object, last_error: object) -> MailState:
    if not _missing(sent_at):
        return MailState.SENT
    if _missing(next_try_at):
        return MailState.GIVEN_UP
    return MailState.WAITING if _missing(last_error) else MailState.FAILED


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value))


# --- Writing a message ----------------------------------------------------------------------

def queue_message(session: Session, *, recipient: str, locale: str, kind: MailKind, subject: str, body: str,
                  related: tuple[str, int | None] = ("", None), now: datetime | None = None) -> int:
    """Write one message to the outbox, due at once; returns its id. Sent after commit.
    A subject longer than the column (a very long candidate name) is cut to fit."""
    entity, entity_id = related
    message = outbox_queries.add_message(session, OutboxMessage(
        recipient=recipient.strip(), locale=normalise_locale(locale), kind=kind, subject=subject[:SUBJECT_LENGTH],
        body=body,
        related_entity=entity, related_id=entity_id, created_at=now or utcnow(), next_try_at=now or utcnow()))
    when_transaction_ends(session, committed=nudge)
    return message.id


def _queue_rendered(session: Session, *, recipient: str, locale: str, kind: MailKind,
                    related: tuple[str, int | None], now: datetime, **params: object) -> int:
    locale = normalise_locale(locale)
    return queue_message(session, recipient=recipient, locale=locale, kind=kind, related=related, now=now,
                         subject=t_plain(f"mail.{kind.value}.subject", locale, **params),
                         body=t_plain(f"mail.{kind.value}.body", locale, **params))


def _locale_of_address(session: Session, email: str) -> str:
    """The language of the user with this address, Danish when nobody has it."""
    users = recipients.active_users_with_email(session, email)
    return users[0].locale if users else "da"


# --- The receipt of a nomination ------------------------------------------------------------

def queue_receipt(session: Session, *, actor: Actor, nomination_id: int, links: MailLinks,
                  now: datetime | None = None) -> int:
    """The receipt of a just submitted nomination, to the nominator who submitted it and
    to the nomination's contact person (when another address). The mail links to the
    nominator's page, where the PDF receipt is; the PDF itself is not attached.
    Returns how many messages were written."""
    now = now or utcnow()
    receipt = receipt_for(session, actor=actor, nomination_id=nomination_id)
    nomination = session.get(Nomination, nomination_id)
    submitter = session.get(User, actor.id) if actor.id is not None else None
    to = []
    if submitter is not None and submitter.email:
        to.append((submitter.email, submitter.name, submitter.locale))
    if nomination.contact_email and all(nomination.contact_email.lower() != email.lower() for email, _, _ in to):
        to.append((nomination.contact_email, nomination.contact_name,
                   _locale_of_address(session, nomination.contact_email)))
    for email, name, locale in to:
        _queue_rendered(session, recipient=email, locale=locale, kind=MailKind.RECEIPT,
                        related=("nomination", nomination_id), now=now, name=name, candidate=receipt.candidate,
                        title=receipt.year.title, submitted=format_moment(receipt.submitted_at, locale),
                        receipt_id=receipt.receipt_id, nominating_body=receipt.nominating_body,
                        municipality=receipt.municipality, material=len(receipt.material),
                        url=links.page("my_nominations"))
    return len(to)


# --- Invitations and password links ---------------------------------------------------------

def queue_invitation(session: Session, *, actor: Actor, user_id: int, links: MailLinks,
                     now: datetime | None = None) -> int:
    """The invitation of a new user: their username and a link to choose their own
    password, valid for ``links.valid_for``. The caller has asked the rule book."""
    now = now or utcnow()
    user = _user_with_email(session, user_id)
    return _queue_rendered(session, recipient=user.email, locale=user.locale, kind=MailKind.INVITATION,
                           related=("user", user.id), now=now, name=user.name, username=user.username,
                           inviter=actor.name, role=t_plain(f"labels.role.{user.role.value}", user.locale),
                           url=links.password_link(user_id=user.id, session_version=user.session_version, now=now),
                           expires=format_moment(now + links.valid_for, user.locale))


def queue_password_reset(session: Session, *, user: User, links: MailLinks, now: datetime) -> int:
    """A link to choose a new password, for a user who asked for it on the login page."""
    return _queue_rendered(session, recipient=user.email, locale=user.locale, kind=MailKind.PASSWORD_RESET,
                           related=("user", user.id), now=now, name=user.name, username=user.username,
                           url=links.password_link(user_id=user.id, session_version=user.session_version, now=now),
                           expires=format_moment(now + links.valid_for, user.locale))


def resets_left(session: Session, *, email: str, now: datetime) -> int:
    """How many more reset mails ``email`` may be sent within ``RESET_WINDOW``."""
    sent = outbox_queries.recent_count(session, recipient=email, kind=MailKind.PASSWORD_RESET, since=now - RESET_WINDOW)
    return max(RESET_LIMIT - sent, 0)


def _user_with_email(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if not user.email:
        raise InvalidInput("mail.errors.no_email", username=user.username)
    return user


# --- Reminders and announcements ------------------------------------------------------------

@dataclass(frozen=True)
class Queued:
    """What a mailing wrote: the names written to, and those left out for want of an address."""

    to: tuple[str, ...]
    without_email: tuple[str, ...] = ()


def queue_jury_reminders(session: Session, *, actor: Actor, year: YearInfo, links: MailLinks,
                         now: datetime | None = None) -> Queued:
    """One reminder to each juror behind in the open round, in their language."""
    require(actor, Action.SEND_REMINDERS, phase=year.phase)
    now = now or utcnow()
    matrix = progress_matrix(session, year=year, kind=year.round_shown)
    texts = {locale: {each.juror_id: each for each in reminders(matrix, locale=locale)} for locale in LOCALES}
    jurors = recipients.users_by_id(session, list(texts["da"]))
    to, without = [], []
    for juror_id, reminder in texts["da"].items():
        juror = jurors[juror_id]
        if not juror.email:
            without.append(juror.name)
            continue
        locale = normalise_locale(juror.locale)
        queue_message(session, recipient=juror.email, locale=locale, kind=MailKind.JURY_REMINDER,
                      related=("user", juror.id), now=now,
                      subject=t_plain("mail.jury_reminder.subject", locale, left=reminder.left, title=year.title),
                      body=f"{texts[locale][juror_id].text}\n\n"
                           f"{t_plain('mail.jury_reminder.link', locale, url=links.page('scoring'))}")
        to.append(juror.name)
    return _recorded(session, actor=actor, kind=MailKind.JURY_REMINDER, year=year,
                     queued=Queued(to=tuple(to), without_email=tuple(without)))


def queue_shortlist_publication(session: Session, *, actor: Actor, year: YearInfo,
                                now: datetime | None = None) -> Queued:
    """Tell every nominator of the year which candidates went on to the final: the whole
    shortlist, and for each of their own nominations whether it went on."""
    require(actor, Action.SEND_ANNOUNCEMENTS, phase=year.phase)
    now = now or utcnow()
    finalists = recipients.finalist_ids(session, year.id)
    if not finalists:
        raise InvalidInput("mail.errors.no_finalists", title=year.title)
    nominations = {nomination.id: nomination for nomination in recipients.submitted_nominations(session, year.id)}
    to = []
    for nominator in recipients.active_nominators(session, {n.nominating_body_id for n in nominations.values()}):
        locale = normalise_locale(nominator.locale)
        own = [n for n in nominations.values() if n.nominating_body_id == nominator.nominating_body_id]
        shortlist = (nominations[i] for i in finalists if i in nominations)
        _queue_rendered(session, recipient=nominator.email, locale=locale, kind=MailKind.SHORTLIST_PUBLICATION,
                        related=("year", year.id), now=now, name=nominator.name, title=year.title,
                        finalists=_lines(locale, shortlist, lambda _: "finalist"),
                        own=_lines(locale, own, lambda n: "went_on" if n.id in finalists else "did_not"))
        to.append(nominator.name)
    return _recorded(session, actor=actor, kind=MailKind.SHORTLIST_PUBLICATION, year=year, queued=Queued(tuple(to)))


def _lines(locale: str, nominations: Iterable[Nomination], line: Callable[[Nomination], str]) -> str:
    """One line per nomination; ``line`` names its catalog line under ``mail.shortlist_publication``."""
    return "\n".join(t_plain(f"mail.shortlist_publication.{line(n)}", locale, candidate=n.name,
                             municipality=n.municipality.name) for n in nominations)


def queue_seminar_invitation(session: Session, *, actor: Actor, year: YearInfo, when: datetime, where: str,
                             now: datetime | None = None) -> Queued:
    """Invite the contacts of every candidate (eligible nomination) of the year to the
    award seminar: the nomination's contact person and its village contacts with a login,
    each address once."""
    require(actor, Action.SEND_ANNOUNCEMENTS, phase=year.phase)
    now = now or utcnow()
    if when.tzinfo is None:
        raise InvalidInput("mail.errors.seminar_time")
    place = clean_text(where, field="mail.fields.where", max_length=200, required=True)
    to, without = [], []
    for nomination in recipients.eligible_nominations(session, year.id):
        contacts = _contacts(session, nomination)
        if not contacts:
            without.append(nomination.name)
        for email, name, locale in contacts:
            _queue_rendered(session, recipient=email, locale=locale, kind=MailKind.SEMINAR_INVITATION,
                            related=("nomination", nomination.id), now=now, name=name or nomination.name,
                            candidate=nomination.name, title=year.title, when=format_moment(when, locale),
                            where=place)
            to.append(name or email)
    return _recorded(session, actor=actor, kind=MailKind.SEMINAR_INVITATION, year=year,
                     queued=Queued(to=tuple(to), without_email=tuple(without)))


def _contacts(session: Session, nomination: Nomination) -> list[tuple[str, str, str]]:
    """(address, name, language) of a nomination's contact person and village contacts, each address once."""
    contacts: dict[str, tuple[str, str, str]] = {}
    if nomination.contact_email:
        contacts[nomination.contact_email.lower()] = (nomination.contact_email, nomination.contact_name,
                                                      _locale_of_address(session, nomination.contact_email))
    for user in recipients.village_contacts_with_email(session, nomination.id):
        contacts.setdefault(user.email.lower(), (user.email, user.name, user.locale))
    return list(contacts.values())


def _recorded(session: Session, *, actor: Actor, kind: MailKind, year: YearInfo, queued: Queued) -> Queued:
    record_change(session, actor=actor, action="mail.queued", entity="year", entity_id=year.id,
                  new={"kind": kind.value, "messages": len(queued.to)})
    return queued


# --- The secretariat's outbox ---------------------------------------------------------------

def outbox_overview(session: Session, *, actor: Actor, limit: int = OUTBOX_PAGE_LIMIT) -> pd.DataFrame:
    """The newest messages, newest first, each with its ``state`` (a ``MailState``)."""
    require(actor, Action.MANAGE_OUTBOX, phase=None)
    frame = outbox_queries.outbox_frame(session, limit=limit)
    states = [mail_state(sent_at=row.sent_at, next_try_at=row.next_try_at, last_error=row.last_error)
              for row in frame.itertuples()]
    return frame.assign(state=pd.Series(states, index=frame.index, dtype=object))


def retry_message(session: Session, *, actor: Actor, message_id: int, now: datetime | None = None) -> None:
    """Make an unsent message due at once (a failed one, or one that has given up)."""
    require(actor, Action.MANAGE_OUTBOX, phase=None)
    message = outbox_queries.message(session, message_id)
    if message is None:
        raise NotFound()
    if message.sent_at is not None:
        raise InvalidInput("mail.errors.already_sent")
    old = message.next_try_at
    message.next_try_at = now or utcnow()
    session.flush()
    when_transaction_ends(session, committed=nudge)
    record_change(session, actor=actor, action="mail.retried", entity="outbox", entity_id=message.id,
                  old=old.isoformat() if old else None, new=message.next_try_at.isoformat())


def mark_sent_by_hand(session: Session, *, actor: Actor, message_id: int, now: datetime | None = None) -> None:
    """Without an SMTP server: the secretariat has copied the text into their own e-mail."""
    require(actor, Action.MANAGE_OUTBOX, phase=None)
    message = outbox_queries.message(session, message_id)
    if message is None:
        raise NotFound()
    if message.sent_at is not None:
        raise InvalidInput("mail.errors.already_sent")
    message.sent_at, message.next_try_at = now or utcnow(), None
    session.flush()
    record_change(session, actor=actor, action="mail.sent_by_hand", entity="outbox", entity_id=message.id,
                  new=message.recipient)


def retry_failed(session: Session, *, actor: Actor, now: datetime | None = None) -> int:
    """Make every unsent message that has failed due at once; returns how many."""
    require(actor, Action.MANAGE_OUTBOX, phase=None)
    now = now or utcnow()
    messages = outbox_queries.failed_unsent(session)
    for message in messages:
        message.next_try_at = now
    session.flush()
    if messages:
        when_transaction_ends(session, committed=nudge)
        record_change(session, actor=actor, action="mail.retried", entity="outbox", entity_id=None,
                      new={"messages": [message.id for message in messages]})
    return len(messages)
