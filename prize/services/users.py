"""The secretariat's user administration, and a user's own password and logout.

Logging out, a changed or newly given password and deactivation each count up
the user's session version, which ends every login issued before (see
``prize.login_tokens``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.i18n import LOCALES
from prize.models import Municipality, NominatingBody, Nomination, User
from prize.mail.links import MailLinks
from prize.passwords import hash_password, one_time_password, password_matches, unknown_password
from prize.permissions import Action, can, require
from prize.queries import users as user_queries
from prize.queries.options import named_options, nomination_options
from prize.roles import Role
from prize.services.audit import record_change
from prize.services.demo import demo_password
from prize.services.mail import queue_invitation
from prize.services.reach import require_on_nomination
from prize.validation import clean_email, clean_text, clean_username


@dataclass(frozen=True)
class NewUser:
    username: str
    name: str
    email: str
    role: Role
    title: str = ""
    nominating_body_id: int | None = None
    nomination_id: int | None = None
    home_municipality_id: int | None = None


@dataclass(frozen=True)
class UserInfo:
    """A user as pages see it; never the password hash."""

    id: int
    username: str
    name: str
    email: str
    title: str
    role: Role
    active: bool
    must_change_password: bool
    locale: str
    nominating_body_id: int | None
    nomination_id: int | None
    home_municipality_id: int | None
    last_login_at: datetime | None

    @classmethod
    def of(cls, user: User) -> UserInfo:
        return cls(id=user.id, username=user.username, name=user.name, email=user.email, title=user.title,
                   role=Role(user.role), active=user.active, must_change_password=user.must_change_password,
                   locale=user.locale, nominating_body_id=user.nominating_body_id,
                   nomination_id=user.nomination_id, home_municipality_id=user.home_municipality_id,
                   last_login_at=user.last_login_at)


def create_user(session: Session, *, actor: Actor, new: NewUser, bcrypt_rounds: int = 12,
                password: str | None = None, now: datetime | None = None) -> tuple[UserInfo, str]:
    """Create a user with a one-time password (or ``password``); returns the user and
    the password, which is never stored in clear. A one-time password must be changed.
    ``now`` is the moment a nominator's invitation is judged at (its deadline)."""
    _require_may_create(session, actor=actor, new=new, now=now)
    if password is not None and password == demo_password():
        raise InvalidInput("errors.password_is_demo")
    username = clean_username(new.username)
    if user_queries.user_by_username(session, username) is not None:
        raise InvalidInput("errors.username_taken", username=username)
    role = Role(new.role)
    _check_affiliation(session, role=role, body_id=new.nominating_body_id,
                       nomination_id=new.nomination_id, municipality_id=new.home_municipality_id)
    secret = password or one_time_password()
    user = User(username=username, name=clean_text(new.name, field="fields.name", max_length=120, required=True),
                email=clean_email(new.email), title=clean_text(new.title, field="fields.title", max_length=200),
                role=role, password_hash=hash_password(secret, rounds=bcrypt_rounds),
                must_change_password=password is None,
                nominating_body_id=new.nominating_body_id if role == Role.NOMINATOR else None,
                nomination_id=new.nomination_id if role == Role.VILLAGE else None,
                home_municipality_id=new.home_municipality_id if role == Role.JUROR else None)
    session.add(user)
    session.flush()
    record_change(session, actor=actor, action="user.created", entity="user", entity_id=user.id,
                  new={"username": username, "role": role.value})
    return UserInfo.of(user), secret


def invite_user(session: Session, *, actor: Actor, new: NewUser, links: MailLinks, bcrypt_rounds: int = 12,
                now: datetime | None = None) -> UserInfo:
    """Create a user with an e-mail address and write them an invitation with a link to
    choose their own password; nobody ever sees a password. Until they have chosen one,
    the user counts as one with a one-time password."""
    clean_email(new.email, required=True)
    info, _ = create_user(session, actor=actor, new=new, bcrypt_rounds=bcrypt_rounds, now=now,
                          password=unknown_password())
    user = _user(session, info.id)
    user.must_change_password = True
    session.flush()
    queue_invitation(session, actor=actor, user_id=user.id, links=links, now=now)
    return UserInfo.of(user)


def _require_may_create(session: Session, *, actor: Actor, new: NewUser, now: datetime | None) -> None:
    """The secretariat creates any user; a nominator only a village contact, for a
    nomination the rule book lets them invite a contact to."""
    if can(actor, Action.MANAGE_USERS, phase=None) or Role(new.role) != Role.VILLAGE or new.nomination_id is None:
        require(actor, Action.MANAGE_USERS, phase=None)
        return
    require_on_nomination(session, actor=actor, action=Action.INVITE_VILLAGE_CONTACT, nomination_id=new.nomination_id,
                          now=now)


def _check_affiliation(session: Session, *, role: Role, body_id: int | None,
                       nomination_id: int | None, municipality_id: int | None) -> None:
    if role == Role.NOMINATOR and (body_id is None or session.get(NominatingBody, body_id) is None):
        raise InvalidInput("errors.role_needs_body")
    if role == Role.VILLAGE and (nomination_id is None or session.get(Nomination, nomination_id) is None):
        raise InvalidInput("errors.role_needs_nomination")
    if role == Role.JUROR and municipality_id is not None and session.get(Municipality, municipality_id) is None:
        raise InvalidInput("errors.unknown_municipality")


def _user(session: Session, user_id: int | None) -> User:
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise NotFound()
    return user


def set_active(session: Session, *, actor: Actor, user_id: int, active: bool) -> None:
    """Deactivate (or reactivate) a user; the last active secretariat user stays.

    The active secretariat users are locked before they are counted, so two
    secretaries deactivating each other at once cannot leave none."""
    require(actor, Action.MANAGE_USERS, phase=None)
    user = _user(session, user_id)
    if not active and user.id == actor.id:
        raise InvalidInput("errors.cannot_deactivate_self")
    if not active and user.role == Role.SECRETARIAT:
        others = [other for other in user_queries.lock_active_secretariat(session) if other != user.id]
        session.refresh(user)  # read after the lock: another secretary may just have changed it
        if user.active and not others:
            raise InvalidInput("errors.last_secretariat")
    if user.active == active:
        return
    user.active = active
    session.flush()
    if not active:
        user_queries.end_sessions(session, user_id=user.id)
    record_change(session, actor=actor, action="user.activated" if active else "user.deactivated",
                  entity="user", entity_id=user.id, old=not active, new=active)


def reset_password(session: Session, *, actor: Actor, user_id: int, bcrypt_rounds: int = 12) -> str:
    """Give a user a new one-time password, to be changed at the next login; this
    also lifts a lock after too many failed logins and ends the user's logins."""
    require(actor, Action.MANAGE_USERS, phase=None)
    user = _user(session, user_id)
    secret = one_time_password()
    user.password_hash = hash_password(secret, rounds=bcrypt_rounds)
    user.must_change_password = True
    user.failed_logins, user.locked_until = 0, None
    session.flush()
    user_queries.end_sessions(session, user_id=user.id)
    record_change(session, actor=actor, action="user.password_reset", entity="user", entity_id=user.id)
    return secret


def change_own_password(session: Session, *, actor: Actor, current: str, new: str, repeat: str,
                        bcrypt_rounds: int = 12) -> int:
    """A user changes their own password; the current one must be given. Every
    login issued before ends; returns the new session version, for a new cookie."""
    require(actor, Action.EDIT_OWN_PROFILE, phase=None)
    user = _user(session, actor.id)
    if not password_matches(current, user.password_hash):
        raise InvalidInput("errors.password_wrong")
    if new != repeat:
        raise InvalidInput("errors.password_mismatch")
    if new == current:
        raise InvalidInput("errors.password_same")
    if new == demo_password():
        raise InvalidInput("errors.password_is_demo")
    user.password_hash = hash_password(new, rounds=bcrypt_rounds)
    user.must_change_password = False
    session.flush()
    version = user_queries.end_sessions(session, user_id=user.id)
    record_change(session, actor=actor, action="user.password_changed", entity="user", entity_id=user.id)
    return version


def log_out(session: Session, *, actor: Actor) -> None:
    """End every login of the actor: a copied cookie no longer opens anything."""
    require(actor, Action.EDIT_OWN_PROFILE, phase=None)
    version = user_queries.end_sessions(session, user_id=_user(session, actor.id).id)
    record_change(session, actor=actor, action="user.logged_out", entity="user", entity_id=actor.id,
                  new={"session_version": version})


def set_locale(session: Session, *, actor: Actor, locale: str) -> None:
    require(actor, Action.EDIT_OWN_PROFILE, phase=None)
    if locale not in LOCALES:
        raise InvalidInput()
    user = _user(session, actor.id)
    if user.locale == locale:
        return
    record_change(session, actor=actor, action="user.locale_set", entity="user", entity_id=user.id,
                  old=user.locale, new=locale)
    user.locale = locale
    session.flush()


def list_users(session: Session, *, actor: Actor) -> pd.DataFrame:
    require(actor, Action.MANAGE_USERS, phase=None)
    return user_queries.users_frame(session)


@dataclass(frozen=True)
class Affiliations:
    """What a new user can be attached to: bodies, this year's nominations, municipalities."""

    bodies: dict[int, str]
    nominations: dict[int, str]
    municipalities: dict[int, str]


def affiliation_options(session: Session, *, actor: Actor, year_id: int | None) -> Affiliations:
    require(actor, Action.MANAGE_USERS, phase=None)
    return Affiliations(bodies=named_options(session, NominatingBody, active_only=True),
                        nominations=nomination_options(session, year_id) if year_id else {},
                        municipalities=named_options(session, Municipality))


def own_profile(session: Session, *, actor: Actor) -> UserInfo:
    require(actor, Action.EDIT_OWN_PROFILE, phase=None)
    return UserInfo.of(_user(session, actor.id))


def user_by_username(session: Session, *, actor: Actor, username: str) -> UserInfo:
    """The user of that name, for the secretariat's command line."""
    require(actor, Action.MANAGE_USERS, phase=None)
    user = user_queries.user_by_username(session, username)
    if user is None:
        raise NotFound("cli.unknown_user", username=username)
    return UserInfo.of(user)
