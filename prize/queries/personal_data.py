"""What the app holds about one person, and whose personal data is due for anonymising.

A person is a user, or a contact person named in nominations: known by e-mail, or by
name in nominations that give no e-mail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from prize.models import (AuditEntry, Conflict, Criterion, Municipality, NominatingBody, Nomination, PrizeYear,
                          Score, ScoreSheet, ScoringRound, User)

# A nomination's contact data that is not erased and not empty.
HAS_CONTACT_DATA = and_(Nomination.contact_erased_at.is_(None),
                        or_(Nomination.contact_name != "", Nomination.contact_email != "",
                            Nomination.contact_phone != ""))


def _contact_is(*, email: str, name: str) -> ColumnElement[bool]:
    """The nominations naming this contact: by e-mail (any case), or by name where no e-mail is given."""
    if email:
        return func.lower(Nomination.contact_email) == email.strip().lower()
    if name:
        return and_(Nomination.contact_email == "", Nomination.contact_name == name.strip())
    return false()


def _text_matches(column, text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.lower(), autoescape=True)


# --- Finding a person -----------------------------------------------------------------------

def users_matching(session: Session, text: str) -> list[User]:
    """Users whose name, e-mail or username holds ``text`` (any case); erased users are no longer named."""
    statement = (select(User).where(User.erased_at.is_(None),
                                    or_(*(_text_matches(column, text) for column in (User.name, User.email,
                                                                                     User.username))))
                 .order_by(User.name, User.id))
    return list(session.scalars(statement))


def contacts_matching(session: Session, text: str) -> list[tuple[str, str, int]]:
    """Contact persons of nominations whose name or e-mail holds ``text``: (name, e-mail, how many
    nominations name them), one per e-mail (any case), or per name where no e-mail is given."""
    statement = (select(Nomination.contact_name, Nomination.contact_email)
                 .where(HAS_CONTACT_DATA, or_(_text_matches(Nomination.contact_name, text),
                                              _text_matches(Nomination.contact_email, text)))
                 .order_by(Nomination.id))
    found: dict[str, list] = {}
    for name, email in session.execute(statement):
        key = email.strip().lower() or f"name:{name.strip()}"
        entry = found.setdefault(key, [name.strip(), email.strip(), 0])
        entry[2] += 1
    return [tuple(entry) for entry in found.values()]


def user_by_email(session: Session, email: str) -> User | None:
    """The user, not erased, with this e-mail (any case): the first one when several share it."""
    return session.scalars(select(User).where(User.erased_at.is_(None), User.email != "",
                                              func.lower(User.email) == email.strip().lower())
                           .order_by(User.id)).first()


# --- What the app holds about them ----------------------------------------------------------

def affiliation_names(session: Session, user: User) -> dict[str, str | None]:
    """The names of the body, nomination and home municipality the user belongs to."""
    def name_of(model, key):
        return session.scalar(select(model.name).where(model.id == key)) if key is not None else None
    return {"nominating_body": name_of(NominatingBody, user.nominating_body_id),
            "nomination": name_of(Nomination, user.nomination_id),
            "home_municipality": name_of(Municipality, user.home_municipality_id)}


NOMINATION_COLUMNS = ["id", "year", "name", "status", "nominating_body", "municipality", "contact_name",
                      "contact_email", "contact_phone", "created_at", "submitted_at", "contact_erased_at"]


def _nominations(session: Session, condition: ColumnElement[bool]) -> list[dict]:
    statement = (select(Nomination.id, PrizeYear.year, Nomination.name, Nomination.status,
                        NominatingBody.name.label("nominating_body"), Municipality.name.label("municipality"),
                        Nomination.contact_name, Nomination.contact_email, Nomination.contact_phone,
                        Nomination.created_at, Nomination.submitted_at, Nomination.contact_erased_at)
                 .join(PrizeYear, PrizeYear.id == Nomination.year_id)
                 .join(NominatingBody, NominatingBody.id == Nomination.nominating_body_id)
                 .join(Municipality, Municipality.id == Nomination.municipality_id)
                 .where(condition).order_by(PrizeYear.year, Nomination.name, Nomination.id))
    return [dict(row) for row in session.execute(statement).mappings()]


def created_nomination_ids(session: Session, user_id: int) -> set[int]:
    """The nominations the user created (as the audit log records it), those still stored."""
    statement = select(AuditEntry.entity_id).where(AuditEntry.actor_id == user_id,
                                                   AuditEntry.action == "nomination.created")
    return {each for each in session.scalars(statement) if each is not None}


def nominations_by_id(session: Session, ids: set[int]) -> list[dict]:
    return _nominations(session, Nomination.id.in_(sorted(ids))) if ids else []


def contact_nominations(session: Session, *, email: str, name: str) -> list[dict]:
    """The nominations naming this contact person (``NOMINATION_COLUMNS``)."""
    return _nominations(session, _contact_is(email=email, name=name))


def contact_nomination_rows(session: Session, *, email: str, name: str, lock: bool = False) -> list[Nomination]:
    """The nominations naming this contact person whose contact data is not erased yet."""
    statement = (select(Nomination).where(_contact_is(email=email, name=name), HAS_CONTACT_DATA)
                 .order_by(Nomination.id))
    return list(session.scalars(statement.with_for_update(of=Nomination) if lock else statement))


def sheets_of_juror(session: Session, juror_id: int) -> list[dict]:
    """The juror's score sheets, each with its scores by criterion, in order of year, round and candidate."""
    statement = (select(ScoreSheet.id, PrizeYear.year, ScoringRound.kind, Nomination.name, ScoreSheet.comment,
                        ScoreSheet.submitted_at)
                 .join(ScoringRound, ScoringRound.id == ScoreSheet.round_id)
                 .join(PrizeYear, PrizeYear.id == ScoringRound.year_id)
                 .join(Nomination, Nomination.id == ScoreSheet.nomination_id)
                 .where(ScoreSheet.juror_id == juror_id)
                 .order_by(PrizeYear.year, ScoringRound.kind.desc(), Nomination.name, ScoreSheet.id))
    sheets = session.execute(statement).all()
    scores = session.execute(
        select(Score.sheet_id, Criterion.title_da, Score.value, Score.comment)
        .join(Criterion, Criterion.id == Score.criterion_id)
        .where(Score.sheet_id.in_([sheet.id for sheet in sheets]))
        .order_by(Score.sheet_id, Criterion.position)).all()
    return [{"year": sheet.year, "round": sheet.kind.value, "candidate": sheet.name, "comment": sheet.comment,
             "submitted_at": sheet.submitted_at,
             "scores": [{"criterion": score.title_da, "value": score.value, "comment": score.comment}
                        for score in scores if score.sheet_id == sheet.id]}
            for sheet in sheets]


def conflicts_of_juror(session: Session, juror_id: int) -> list[dict]:
    statement = (select(PrizeYear.year, Nomination.name.label("candidate"), Conflict.reason, Conflict.note,
                        Conflict.declared_at, Conflict.withdrawn_at, Conflict.withdrawal_reason)
                 .join(Nomination, Nomination.id == Conflict.nomination_id)
                 .join(PrizeYear, PrizeYear.id == Nomination.year_id)
                 .where(Conflict.juror_id == juror_id)
                 .order_by(PrizeYear.year, Nomination.name, Conflict.id))
    return [dict(row) | {"reason": row.reason.value} for row in session.execute(statement).mappings()]


def audit_events_about(session: Session, *, user_id: int | None, email: str, name: str) -> list[AuditEntry]:
    """Audit events by the user or about them: their own changes, changes to their user, and
    changes whose old or new value names their e-mail (their name, when they have no e-mail)."""
    named = email or name
    conditions = []
    if user_id is not None:
        conditions += [AuditEntry.actor_id == user_id, and_(AuditEntry.entity == "user", AuditEntry.entity_id == user_id)]
    if named:
        conditions += [_text_matches(AuditEntry.old_value, named), _text_matches(AuditEntry.new_value, named)]
    if not conditions:
        return []
    return list(session.scalars(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id)))


# --- Retention ------------------------------------------------------------------------------

def nominations_due(session: Session, *, archived_before: datetime) -> list[tuple[Nomination, int]]:
    """Nominations with contact data whose year was archived at or before ``archived_before``,
    with the year's number."""
    statement = (select(Nomination, PrizeYear.year).join(PrizeYear, PrizeYear.id == Nomination.year_id)
                 .where(PrizeYear.archived_at.is_not(None), PrizeYear.archived_at <= archived_before,
                        HAS_CONTACT_DATA)
                 .order_by(PrizeYear.year, Nomination.name, Nomination.id))
    return [(nomination, year) for nomination, year in session.execute(statement).tuples()]


def inactive_users_not_erased(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.active.is_(False), User.erased_at.is_(None))
                                .order_by(User.id)))


def years_of_user(session: Session, user: User) -> list[tuple[int, datetime | None]]:
    """The years the user took part in, each as (year, when it was archived or None): the year of
    their village's nomination, of the nominations they created, of their score sheets and conflicts."""
    nominations = created_nomination_ids(session, user.id) | ({user.nomination_id} if user.nomination_id else set())
    year_ids = select(Nomination.year_id).where(Nomination.id.in_(sorted(nominations))).union(
        select(ScoringRound.year_id).join(ScoreSheet, ScoreSheet.round_id == ScoringRound.id)
        .where(ScoreSheet.juror_id == user.id),
        select(Nomination.year_id).join(Conflict, Conflict.nomination_id == Nomination.id)
        .where(Conflict.juror_id == user.id)).subquery()
    statement = (select(PrizeYear.year, PrizeYear.archived_at).where(PrizeYear.id.in_(select(year_ids)))
                 .order_by(PrizeYear.year))
    return [(year, archived_at) for year, archived_at in session.execute(statement).tuples()]
