"""A person's data: find them, export everything the app holds about them, erase it, and
anonymise what the retention period has run out for.

Erasing keeps the rows that the year's scores and decisions hang on: a user becomes
"Slettet bruger <id>" (no username, e-mail, title, password or home municipality left),
a nomination's contact becomes "Slettet kontaktperson" without e-mail or phone. Score
values, comments and conflicts stay, so rankings and exports work as before.

The audit log is append-only (database triggers refuse changes): its entries by or
about an erased person stay as they were, which the privacy page says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.i18n import t_plain
from prize.models import Nomination, User
from prize.models.base import utcnow
from prize.permissions import Action, require
from prize.queries import personal_data as queries
from prize.queries import users as user_queries
from prize.roles import Role
from prize.services.audit import record_change
from prize.validation import clean_text

FORMAT = "landsbyprisen-personal-data/1"
REASON_MAX = 500
SEARCH_MIN = 2


@dataclass(frozen=True)
class Person:
    """Whom a request is about: a user (``user_id``), or a contact person named in
    nominations, known by ``email`` (or by ``name`` in nominations that give no e-mail)."""

    user_id: int | None = None
    email: str = ""
    name: str = ""


@dataclass(frozen=True)
class PersonMatch:
    """A person a search found: a user (with ``username`` and ``role``) or a contact person;
    ``contact_of``: how many nominations name them as contact."""

    person: Person
    name: str
    email: str
    username: str = ""
    role: Role | None = None
    contact_of: int = 0


@dataclass(frozen=True)
class Erasure:
    """What an erasure changed: the user's new reference ("Slettet bruger 17") or "",
    and the nominations whose contact data was erased."""

    user_reference: str
    nominations: tuple[int, ...]


# --- Finding a person -----------------------------------------------------------------------

def find_people(session: Session, *, actor: Actor, text: str) -> list[PersonMatch]:
    """Users and contact persons whose name or e-mail (a user's username too) holds ``text``.
    A contact with a user's e-mail is that user."""
    require(actor, Action.EXPORT_PERSONAL_DATA, phase=None)
    text = clean_text(text, field="privacy.search_field", max_length=254)
    if len(text) < SEARCH_MIN:
        raise InvalidInput("privacy.errors.search_too_short", least=SEARCH_MIN)
    matches = [_user_match(session, user) for user in queries.users_matching(session, text)]
    user_emails = {match.email.lower() for match in matches if match.email}
    for name, email, count in queries.contacts_matching(session, text):
        if email.lower() in user_emails:
            continue
        owner = queries.user_by_email(session, email) if email else None
        matches.append(_user_match(session, owner) if owner else
                       PersonMatch(person=Person(email=email, name="" if email else name), name=name, email=email,
                                   contact_of=count))
    return matches


def _user_match(session: Session, user: User) -> PersonMatch:
    contact_of = len(queries.contact_nominations(session, email=user.email, name="")) if user.email else 0
    return PersonMatch(person=Person(user_id=user.id), name=user.name, email=user.email, username=user.username,
                       role=Role(user.role), contact_of=contact_of)


# --- Export ---------------------------------------------------------------------------------

def export_personal_data(session: Session, *, actor: Actor, person: Person, now: datetime | None = None) -> dict:
    """Everything the app holds about ``person``, as a JSON-ready document; the export is audited."""
    require(actor, Action.EXPORT_PERSONAL_DATA, phase=None)
    return _export(session, actor=actor, person=person, now=now or utcnow())


def export_own_data(session: Session, *, actor: Actor, now: datetime | None = None) -> dict:
    """Everything the app holds about the logged-in user; the export is audited."""
    require(actor, Action.EXPORT_OWN_DATA, phase=None)
    return _export(session, actor=actor, person=Person(user_id=actor.id), now=now or utcnow())


def as_json(document: dict) -> bytes:
    """The export as the file a person receives: UTF-8 JSON, Danish letters as they are."""
    return json.dumps(document, ensure_ascii=False, indent=2, default=_json_value).encode("utf-8")


def _json_value(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"{type(value).__name__} is not exported")


def _export(session: Session, *, actor: Actor, person: Person, now: datetime) -> dict:
    user = _user(session, person.user_id) if person.user_id is not None else None
    email, name = (user.email, "") if user is not None else (person.email.strip(), person.name.strip())
    if user is None and not (email or name):
        raise NotFound()
    contact_of = queries.contact_nominations(session, email=email, name=name) if (email or name) else []
    if user is not None and user.nomination_id is not None:
        contact_of = _by_id([*contact_of, *queries.nominations_by_id(session, {user.nomination_id})])
    document = {
        "format": FORMAT,
        "exported_at": now,
        "person": {"user_id": user.id if user else None, "email": email, "name": user.name if user else name},
        "profile": _profile(session, user) if user else None,
        "roles": [Role(user.role).value] if user else [],
        "logins": _logins(user) if user else None,
        "nominations_made": queries.nominations_by_id(session, queries.created_nomination_ids(session, user.id))
        if user else [],
        "contact_of": contact_of,
        "score_sheets": queries.sheets_of_juror(session, user.id) if user else [],
        "conflicts": queries.conflicts_of_juror(session, user.id) if user else [],
        "audit_events": [_event(entry) for entry in queries.audit_events_about(
            session, user_id=user.id if user else None, email=email, name=name)],
    }
    record_change(session, actor=actor, action="personal_data.exported", entity="user" if user else "contact",
                  entity_id=user.id if user else None,
                  new={"nominations": [nomination["id"] for nomination in contact_of]})
    return json.loads(as_json(document))


def _by_id(nominations: list[dict]) -> list[dict]:
    unique = {nomination["id"]: nomination for nomination in nominations}
    return sorted(unique.values(), key=lambda nomination: (nomination["year"], nomination["name"], nomination["id"]))


def _profile(session: Session, user: User) -> dict:
    return {"id": user.id, "username": user.username, "name": user.name, "email": user.email, "title": user.title,
            "role": Role(user.role).value, "active": user.active, "locale": user.locale,
            **queries.affiliation_names(session, user), "created_at": user.created_at, "erased_at": user.erased_at}


def _logins(user: User) -> dict:
    return {"last_login_at": user.last_login_at, "failed_logins": user.failed_logins,
            "locked_until": user.locked_until, "must_change_password": user.must_change_password}


def _event(entry) -> dict:
    return {"at": entry.at, "actor": entry.actor_label, "action": entry.action, "entity": entry.entity,
            "entity_id": entry.entity_id, "old_value": entry.old_value, "new_value": entry.new_value}


def _user(session: Session, user_id: int | None) -> User:
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise NotFound()
    return user


# --- Erasure --------------------------------------------------------------------------------

def erase_personal_data(session: Session, *, actor: Actor, person: Person, reason: str,
                        now: datetime | None = None) -> Erasure:
    """Erase the person's name, e-mail, phone and contact fields: the user (if one) and the
    nominations that name them as contact. The year's scores, conflicts and decisions keep an
    anonymous reference. Each changed row is audited with the reason. Refused for oneself and
    for the last active secretariat user."""
    require(actor, Action.ERASE_PERSONAL_DATA, phase=None)
    reason = clean_text(reason, field="privacy.reason_field", max_length=REASON_MAX, required=True)
    now = now or utcnow()
    user = _user(session, person.user_id) if person.user_id is not None else None
    if user is not None:
        _check_erasable(session, actor=actor, user=user)
    email, name = (user.email, "") if user is not None else (person.email.strip(), person.name.strip())
    nominations = queries.contact_nomination_rows(session, email=email, name=name, lock=True) if (email or name) else []
    if user is None and not nominations:
        raise NotFound()
    reference = _anonymise_user(session, actor=actor, user=user, reason=reason, now=now) if user else ""
    for nomination in nominations:
        _anonymise_contact(session, actor=actor, nomination=nomination, reason=reason, now=now)
    session.flush()
    return Erasure(user_reference=reference, nominations=tuple(nomination.id for nomination in nominations))


def _check_erasable(session: Session, *, actor: Actor, user: User) -> None:
    if user.erased_at is not None:
        raise InvalidInput("privacy.errors.already_erased")
    if user.id == actor.id:
        raise InvalidInput("privacy.errors.cannot_erase_self")
    if user.role == Role.SECRETARIAT and user.active:
        others = [other for other in user_queries.lock_active_secretariat(session) if other != user.id]
        session.refresh(user)  # read after the lock: another secretary may just have changed it
        if user.active and not others:
            raise InvalidInput("privacy.errors.last_secretariat")


def _anonymise_user(session: Session, *, actor: Actor, user: User, reason: str, now: datetime) -> str:
    """The user's personal data gone, the row kept as "Slettet bruger <id>"; every login ends."""
    reference = t_plain("privacy.erased_user", id=user.id)
    user.name, user.username, user.email, user.title = reference, f"slettet-{user.id}", "", ""
    user.password_hash, user.must_change_password, user.active = "", False, False
    user.home_municipality_id, user.last_login_at, user.failed_logins, user.locked_until = None, None, 0, None
    user.erased_at = now
    session.flush()
    user_queries.end_sessions(session, user_id=user.id)
    record_change(session, actor=actor, action="user.erased", entity="user", entity_id=user.id,
                  new={"reason": reason})
    return reference


def _anonymise_contact(session: Session, *, actor: Actor, nomination: Nomination, reason: str,
                       now: datetime) -> None:
    nomination.contact_name = t_plain("privacy.erased_contact")
    nomination.contact_email, nomination.contact_phone = "", ""
    nomination.contact_erased_at = now
    record_change(session, actor=actor, action="nomination.contact_erased", entity="nomination",
                  entity_id=nomination.id, new={"reason": reason})


# --- Retention ------------------------------------------------------------------------------

@dataclass(frozen=True)
class RetentionItem:
    """One row the retention anonymises: a user (``kind`` "user") or a nomination's contact
    data ("nomination"); ``label`` names it for the operator, ``year`` is its last year."""

    kind: str
    id: int
    label: str
    year: int | None


@dataclass(frozen=True)
class RetentionPlan:
    """What the retention anonymises (or did): data of years archived at or before ``cutoff``."""

    years: int
    cutoff: datetime
    users: tuple[RetentionItem, ...]
    nominations: tuple[RetentionItem, ...]

    @property
    def is_empty(self) -> bool:
        return not self.users and not self.nominations


def retention_plan(session: Session, *, actor: Actor, years: int, now: datetime | None = None) -> RetentionPlan:
    """The preview: which nominations' contact data and which deactivated users would be
    anonymised now, ``years`` after their year was archived. Changes nothing."""
    require(actor, Action.APPLY_RETENTION, phase=None)
    cutoff = years_before(now or utcnow(), years)
    nominations = tuple(RetentionItem(kind="nomination", id=nomination.id, year=year,
                                      label=f"{nomination.name} ({year}): {nomination.contact_name}")
                        for nomination, year in queries.nominations_due(session, archived_before=cutoff))
    users = tuple(RetentionItem(kind="user", id=user.id, year=last_year, label=f"{user.name} ({user.username})")
                  for user, last_year in _users_due(session, cutoff=cutoff))
    return RetentionPlan(years=years, cutoff=cutoff, users=users, nominations=nominations)


def apply_retention(session: Session, *, actor: Actor, years: int, now: datetime | None = None) -> RetentionPlan:
    """Anonymise what ``retention_plan`` lists, each row audited; returns what was done.
    A second run finds nothing left and changes nothing."""
    now = now or utcnow()
    plan = retention_plan(session, actor=actor, years=years, now=now)
    reason = t_plain("privacy.retention.reason", years=years)
    for item in plan.users:
        _anonymise_user(session, actor=actor, user=session.get(User, item.id), reason=reason, now=now)
    for item in plan.nominations:
        _anonymise_contact(session, actor=actor, nomination=session.get(Nomination, item.id), reason=reason, now=now)
    session.flush()
    return plan


def _users_due(session: Session, *, cutoff: datetime) -> Iterable[tuple[User, int | None]]:
    """Deactivated users not erased whose every year was archived at or before ``cutoff``; a user
    with no year counts from their last login (or their creation, if they never logged in)."""
    for user in queries.inactive_users_not_erased(session):
        taken_part = queries.years_of_user(session, user)
        if not taken_part:
            if (user.last_login_at or user.created_at) <= cutoff:
                yield user, None
        elif all(archived_at is not None and archived_at <= cutoff for _, archived_at in taken_part):
            yield user, taken_part[-1][0]


def years_before(moment: datetime, years: int) -> datetime:
    """The same moment ``years`` years earlier (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return (moment - timedelta(days=1)).replace(year=moment.year - years)
