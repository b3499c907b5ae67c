"""What nominators and village contacts do with their nominations: list them,
create one, save its fields one at a time, submit it, delete a draft, invite the
village's contact person, and see one whole.

Every function that touches one nomination asks ``prize.services.reach`` first,
and a change locks the nomination's row before it reads what it changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.completeness import lost_parts, missing_parts, unanswered_questions
from prize.deadlines import open_for_edits
from prize.errors import DeadlinePassed, InvalidInput, NominationIncomplete, NotAllowed, NotFound, PrizeError
from prize.i18n import MessageKey, danish_sort_key
from prize.models import (CandidateKind, CandidateVillage, Municipality, NominatingBody, Nomination,
                          NominationAnswer, PrizeYear)
from prize.mail.links import MailLinks
from prize.models.base import utcnow
from prize.nomination_fields import NominationField, clean_field, clean_kind, field_named, label_of
from prize.permissions import Action, NominationTarget, can, require
from prize.phases import NominationStatus
from prize.questions import GuidingQuestion
from prize.shortlist import standing
from prize.queries import intake
from prize.queries import users as user_queries
from prize.queries.nominations import nomination_reaches, nominations_in_reach_frame
from prize.queries.shortlist import published_finalist_ids
from prize.roles import Role
from prize.services.audit import record_change
from prize.services.reach import closing_moment, deadline_refusal, require_on_nomination, target_of
from prize.services.mail import queue_receipt
from prize.services.material import delete_files_once_committed
from prize.services.users import NewUser, UserInfo, invite_user
from prize.storage import Storage

# The part of completeness (a NominationContent attribute) each field fills.
_CONTENT_OF: dict[NominationField, str] = {
    NominationField.NAME: "name", NominationField.VILLAGES: "villages",
    NominationField.MUNICIPALITY: "municipality_id", NominationField.CONTACT_NAME: "contact_name",
    NominationField.CONTACT_EMAIL: "contact_email", NominationField.SUMMARY: "summary",
    NominationField.VIDEO_URL: "video_url",
}


# --- Seeing ----------------------------------------------------------------------------------

def own_nominations(session: Session, *, actor: Actor, year_id: int) -> pd.DataFrame:
    """The nominations the actor may see: a nominator their body's, a village
    contact only their own one. The query narrows the rows to the actor's body or
    nomination; the rule book decides for each row. Besides the listing's columns,
    ``missing`` holds the catalog keys of each one's missing parts and
    ``closes_at`` the moment it stops taking changes (None: no deadline applies),
    ``open_for_edits`` whether it takes changes now (False once the call has closed), and
    ``standing`` whether it went on to the final (``prize.shortlist.Standing``) once the
    shortlist is published, else None; never a score."""
    require(actor, Action.VIEW_OWN_NOMINATIONS, phase=None)
    frame = nominations_in_reach_frame(session, year_id=year_id, body_id=actor.nominating_body_id,
                                       nomination_id=actor.nomination_id)
    visible = [can(actor, Action.VIEW_NOMINATION, phase=None,
                   target=NominationTarget(nomination_id=int(row.id), nominating_body_id=int(row.nominating_body_id)))
               for row in frame.itertuples()]
    frame = frame.loc[pd.Series(visible, index=frame.index, dtype=bool)].reset_index(drop=True)
    ids = [int(nomination_id) for nomination_id in frame["id"]]
    content = intake.contents(session, ids)
    finalists = published_finalist_ids(session, year_id)
    by_id = nomination_reaches(session, ids)
    reaches = [by_id[i] for i in ids]
    now = utcnow()
    return frame.assign(
        missing=pd.Series([tuple(missing_parts(content[i])) for i in ids], index=frame.index, dtype=object),
        closes_at=pd.Series([closing_moment(reach) for reach in reaches], index=frame.index, dtype=object),
        open_for_edits=pd.Series([target_of(reach, now=now).open_for_edits for reach in reaches], index=frame.index,
                                 dtype=bool),
        standing=pd.Series([standing(status, published=finalists is not None, finalist=i in (finalists or ()))
                            for i, status in zip(ids, frame["status"], strict=True)], index=frame.index,
                           dtype=object))


@dataclass(frozen=True)
class NominationDetail:
    """One nomination as the form shows it. ``missing`` and ``unanswered`` are
    catalog keys and question keys; ``deadline`` is the moment it stops taking
    changes; the ``may_*`` flags say what the asking actor may do to it now."""

    id: int
    year_id: int
    name: str
    kind: CandidateKind
    villages: tuple[str, ...]
    municipality_id: int
    municipality: str
    nominating_body_id: int
    nominating_body: str
    contact_name: str
    contact_email: str
    contact_phone: str
    summary: str
    answers: Mapping[str, str]
    goals: tuple[int, ...]
    website_url: str
    video_url: str
    status: NominationStatus
    submitted_at: datetime | None
    updated_at: datetime | None
    deadline: datetime | None
    open_for_edits: bool
    missing: tuple[str, ...]
    unanswered: tuple[str, ...]
    attachment_count: int
    village_contact: str | None
    municipality_choices: Mapping[int, str]
    may_edit: bool
    may_submit: bool
    may_delete: bool
    may_invite: bool

    def value_of(self, field: NominationField | GuidingQuestion | str) -> object:
        """The stored value of ``field``, in the form ``update_field`` takes it."""
        field = field_named(field)
        if isinstance(field, GuidingQuestion):
            return self.answers.get(field.value, "")
        special = {NominationField.MUNICIPALITY: self.municipality_id, NominationField.SDGS: self.goals}
        return special.get(field, getattr(self, field.value, None))


def nomination_detail(session: Session, *, actor: Actor, nomination_id: int,
                      now: datetime | None = None) -> NominationDetail:
    now = now or utcnow()
    reach = require_on_nomination(session, actor=actor, action=Action.VIEW_NOMINATION,
                                  nomination_id=nomination_id, now=now)
    nomination = session.get(Nomination, nomination_id)
    content = intake.contents(session, [nomination_id])[nomination_id]
    target = target_of(reach, now=now)
    may = {action: can(actor, action, phase=reach.phase, target=target)
           for action in (Action.EDIT_NOMINATION, Action.SUBMIT_NOMINATION, Action.DELETE_NOMINATION,
                          Action.INVITE_VILLAGE_CONTACT)}
    draft = reach.status == NominationStatus.DRAFT
    contact = next((user.username for user in intake.village_contacts(session, nomination_id) if user.active), None)
    return NominationDetail(
        id=nomination.id, year_id=nomination.year_id, name=nomination.name, kind=CandidateKind(nomination.kind),
        villages=content.villages, municipality_id=nomination.municipality_id,
        municipality=nomination.municipality.name, nominating_body_id=nomination.nominating_body_id,
        nominating_body=nomination.nominating_body.name, contact_name=nomination.contact_name,
        contact_email=nomination.contact_email, contact_phone=nomination.contact_phone,
        summary=nomination.summary, answers=dict(content.answers),
        goals=tuple(goal.number for goal in nomination.sdgs), website_url=nomination.website_url,
        video_url=nomination.video_url, status=reach.status, submitted_at=nomination.submitted_at,
        updated_at=nomination.updated_at, deadline=closing_moment(reach), open_for_edits=target.open_for_edits,
        missing=tuple(missing_parts(content)), unanswered=tuple(unanswered_questions(content)),
        attachment_count=content.attachment_count, village_contact=contact,
        municipality_choices=_covered(nomination.nominating_body), may_edit=may[Action.EDIT_NOMINATION],
        may_submit=draft and may[Action.SUBMIT_NOMINATION], may_delete=draft and may[Action.DELETE_NOMINATION],
        may_invite=contact is None and may[Action.INVITE_VILLAGE_CONTACT])


def _covered(body: NominatingBody) -> dict[int, str]:
    """The municipalities the body nominates in, in Danish order."""
    return {municipality.id: municipality.name
            for municipality in sorted(body.municipalities, key=lambda m: danish_sort_key(m.name))}


# --- Creating --------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewNominationChoices:
    """Whether the actor may create a nomination now (``refusal`` says why not)
    and the municipalities a new one may be in."""

    refusal: PrizeError | None
    municipalities: Mapping[int, str]


def new_nomination_choices(session: Session, *, actor: Actor, year_id: int,
                           now: datetime | None = None) -> NewNominationChoices:
    try:
        _, body = _require_may_create(session, actor=actor, year_id=year_id, now=now or utcnow(), lock=False)
    except PrizeError as refusal:
        return NewNominationChoices(refusal=refusal, municipalities={})
    return NewNominationChoices(refusal=None, municipalities=_covered(body))


def create_nomination(session: Session, *, actor: Actor, year_id: int, name: str,
                      kind: CandidateKind | str = CandidateKind.VILLAGE, municipality_id: int | None,
                      now: datetime | None = None) -> int:
    """A new draft of the actor's body; returns its id. Refused after the deadline,
    outside the call, for an inactive body and once the body's limit for the
    year is reached (withdrawn nominations do not count)."""
    now = now or utcnow()
    year, body = _require_may_create(session, actor=actor, year_id=year_id, now=now, lock=True)
    name = clean_field(NominationField.NAME, name)
    kind = clean_kind(kind)
    municipality = _covered_municipality(session, body=body, municipality_id=municipality_id)
    if intake.name_taken(session, year_id=year.id, name=name):
        raise InvalidInput("errors.form.candidate_name_taken", name=name)
    nomination = Nomination(year_id=year.id, nominating_body_id=body.id, municipality=municipality, name=name,
                            kind=kind, status=NominationStatus.DRAFT, created_at=now, updated_at=now)
    session.add(nomination)
    session.flush()
    record_change(session, actor=actor, action="nomination.created", entity="nomination", entity_id=nomination.id,
                  new={"name": name, "kind": kind.value, "municipality": municipality.name})
    return nomination.id


def _require_may_create(session: Session, *, actor: Actor, year_id: int, now: datetime,
                        lock: bool) -> tuple[PrizeYear, NominatingBody]:
    year = session.get(PrizeYear, year_id)
    if year is None:
        raise NotFound()
    target = NominationTarget(nomination_id=0, nominating_body_id=actor.nominating_body_id or 0,
                              open_for_edits=open_for_edits(phase=year.phase, year_deadline=year.nomination_deadline,
                                                            reopened_until=None, now=now))
    try:
        require(actor, Action.CREATE_NOMINATION, phase=year.phase, target=target)
    except DeadlinePassed:
        raise deadline_refusal(year_deadline=year.nomination_deadline, reopened_until=None, now=now) from None
    body = intake.lock_body(session, actor.nominating_body_id) if lock else session.get(
        NominatingBody, actor.nominating_body_id)
    if body is None:
        raise NotAllowed()
    if not body.active:
        raise InvalidInput("errors.form.body_inactive", body=body.name)
    count = intake.counted_nominations(session, body_id=body.id, year_id=year.id)
    if count >= body.nomination_limit:
        raise InvalidInput("errors.form.nomination_limit", body=body.name, limit=body.nomination_limit,
                           year=year.year, count=count)
    return year, body


def _covered_municipality(session: Session, *, body: NominatingBody, municipality_id: object) -> Municipality:
    municipality_id = clean_field(NominationField.MUNICIPALITY, municipality_id)
    if municipality_id is None:
        raise InvalidInput("errors.field_required", field=MessageKey(label_of(NominationField.MUNICIPALITY)))
    municipality = session.get(Municipality, municipality_id)
    if municipality is None:
        raise InvalidInput("errors.unknown_municipality")
    if municipality not in body.municipalities:
        raise InvalidInput("errors.form.municipality_not_covered", body=body.name, municipality=municipality.name)
    return municipality


# --- Saving one field ------------------------------------------------------------------------

@dataclass(frozen=True)
class SavedField:
    """What ``update_field`` stored: the value as kept (text stripped, goals sorted),
    whether it differed from the stored one, and the nomination's last change."""

    field: str
    value: object
    changed: bool
    at: datetime | None


def update_field(session: Session, *, actor: Actor, nomination_id: int, field: NominationField | GuidingQuestion | str,
                 value: object, now: datetime | None = None) -> SavedField:
    """Store one field (or the answer to one guiding question), as the form does
    when the user leaves it. A value equal to the stored one changes nothing; each
    change is audited with the old and the new value. Once the nomination is
    submitted, a change that would leave a required part empty is refused."""
    now = now or utcnow()
    field = field_named(field)
    reach = require_on_nomination(session, actor=actor, action=Action.EDIT_NOMINATION,
                                  nomination_id=nomination_id, now=now, lock=True)
    cleaned = clean_field(field, value)
    nomination = session.get(Nomination, nomination_id)
    old = _stored(nomination, field)
    if old == cleaned:
        return SavedField(field=field.value, value=cleaned, changed=False, at=nomination.updated_at)
    submitted = reach.status != NominationStatus.DRAFT
    _check_change(session, nomination=nomination, field=field, value=cleaned, submitted=submitted)
    _store(session, nomination, field, cleaned)
    nomination.updated_at = now
    session.flush()
    record_change(session, actor=actor, action="nomination.changed", entity="nomination",
                  entity_id=nomination.id, old={field.value: _audited(field, old)},
                  new={field.value: _audited(field, cleaned)})
    return SavedField(field=field.value, value=cleaned, changed=True, at=now)


# The contact person's details are personal data: the audit log, which is never
# changed or erased, records who changed them and when, not the values.
PERSONAL_FIELDS = frozenset({NominationField.CONTACT_NAME, NominationField.CONTACT_EMAIL,
                             NominationField.CONTACT_PHONE})
PERSONAL_DATA_MARK = "[persondata]"


def _audited(field: NominationField | GuidingQuestion, value: object) -> object:
    if field in PERSONAL_FIELDS:
        return PERSONAL_DATA_MARK if value else ""
    return _plain(value)


def _plain(value: object) -> object:
    """A stored value as the audit log keeps it (JSON): lists, not tuples; enum values."""
    if isinstance(value, tuple):
        return list(value)
    return value.value if isinstance(value, CandidateKind) else value


def _stored(nomination: Nomination, field: NominationField | GuidingQuestion) -> object:
    if isinstance(field, GuidingQuestion):
        return next((answer.text for answer in nomination.answers if answer.question == field.value), "")
    stored = {
        NominationField.VILLAGES: lambda: tuple(village.name for village in nomination.villages),
        NominationField.SDGS: lambda: tuple(goal.number for goal in nomination.sdgs),
        NominationField.MUNICIPALITY: lambda: nomination.municipality_id,
        NominationField.KIND: lambda: CandidateKind(nomination.kind),
    }
    return stored.get(field, lambda: getattr(nomination, field.value))()


def _check_change(session: Session, *, nomination: Nomination, field: NominationField | GuidingQuestion,
                  value: object, submitted: bool) -> None:
    """The rules that need more than the value: a unique name, a covered
    municipality, and a submitted nomination that stays complete."""
    if field == NominationField.NAME and intake.name_taken(session, year_id=nomination.year_id, name=value,
                                                            other_than=nomination.id):
        raise InvalidInput("errors.form.candidate_name_taken", name=value)
    if field == NominationField.MUNICIPALITY:
        _covered_municipality(session, body=nomination.nominating_body, municipality_id=value)
    if submitted and field in _CONTENT_OF:
        before = intake.contents(session, [nomination.id])[nomination.id]
        lost = lost_parts(before, dataclasses.replace(before, **{_CONTENT_OF[field]: value}))
        if lost:
            raise NominationIncomplete("errors.form.must_stay_complete", missing=tuple(lost))


def _store(session: Session, nomination: Nomination, field: NominationField | GuidingQuestion, value: object) -> None:
    if isinstance(field, GuidingQuestion):
        _store_answer(nomination, field, value)
    elif field == NominationField.VILLAGES:
        _store_villages(nomination, value)
    elif field == NominationField.SDGS:
        nomination.sdgs = intake.goals_numbered(session, value)
    elif field == NominationField.MUNICIPALITY:
        nomination.municipality = session.get(Municipality, value)
    else:
        setattr(nomination, field.value, value)


def _store_answer(nomination: Nomination, question: GuidingQuestion, text: str) -> None:
    answer = next((answer for answer in nomination.answers if answer.question == question.value), None)
    if answer is None:
        nomination.answers.append(NominationAnswer(question=question.value, text=text))
    elif text:
        answer.text = text
    else:
        nomination.answers.remove(answer)


def _store_villages(nomination: Nomination, names: tuple[str, ...]) -> None:
    """Rename the rows in place, add or remove at the end: positions stay 1..n, and
    no insert meets a row that still holds its position (unique per nomination)."""
    rows = list(nomination.villages)
    for position, name in enumerate(names, 1):
        if position <= len(rows):
            rows[position - 1].name = name
        else:
            nomination.villages.append(CandidateVillage(position=position, name=name))
    for row in rows[len(names):]:
        nomination.villages.remove(row)


# --- Submitting, deleting, inviting ----------------------------------------------------------

def submit_nomination(session: Session, *, actor: Actor, nomination_id: int, links: MailLinks | None = None,
                      now: datetime | None = None) -> datetime:
    """Submit a complete draft; returns the moment of submission. An incomplete one is
    refused with the exact list of what it lacks. Given the app's ``links``, the
    receipt is written to the outbox in the same transaction (the app always
    gives them; the demo loader does not, so it sends nothing)."""
    now = now or utcnow()
    reach = require_on_nomination(session, actor=actor, action=Action.SUBMIT_NOMINATION,
                                  nomination_id=nomination_id, now=now, lock=True)
    if reach.status != NominationStatus.DRAFT:
        raise InvalidInput("errors.form.already_submitted")
    missing = missing_parts(intake.contents(session, [nomination_id])[nomination_id])
    if missing:
        raise NominationIncomplete(missing=tuple(missing))
    nomination = session.get(Nomination, nomination_id)
    nomination.status, nomination.submitted_at = NominationStatus.SUBMITTED, now
    session.flush()
    record_change(session, actor=actor, action="nomination.submitted", entity="nomination", entity_id=nomination.id,
                  old=NominationStatus.DRAFT.value, new=NominationStatus.SUBMITTED.value)
    if links is not None:
        queue_receipt(session, actor=actor, nomination_id=nomination.id, links=links, now=now)
    return now


def delete_draft(session: Session, *, actor: Actor, nomination_id: int, storage: Storage,
                 now: datetime | None = None) -> None:
    """Delete a draft with its answers, villages and material. Its village contacts
    are deactivated and logged out; the one audit entry of the deletion names them.
    The files go once the deletion has committed: a file is never missing under a row
    that is still there (a rolled-back deletion keeps both)."""
    reach = require_on_nomination(session, actor=actor, action=Action.DELETE_NOMINATION,
                                  nomination_id=nomination_id, now=now, lock=True)
    if reach.status != NominationStatus.DRAFT:
        raise InvalidInput("errors.form.only_drafts_deleted")
    keys = intake.storage_keys(session, nomination_id)
    ended = [contact.id for contact in intake.village_contacts(session, nomination_id)
             if _end_contact(session, contact)]
    nomination = session.get(Nomination, nomination_id)
    record_change(session, actor=actor, action="nomination.deleted", entity="nomination", entity_id=nomination.id,
                  old={"name": nomination.name, "attachments": len(keys)}, new={"contacts_deactivated": ended})
    session.delete(nomination)
    session.flush()
    delete_files_once_committed(session, storage=storage, keys=keys)


def _end_contact(session: Session, contact) -> bool:
    """Detach the contact from the deleted nomination; True when an active one was deactivated."""
    was_active = contact.active
    contact.nomination_id, contact.active = None, False
    session.flush()
    if was_active:
        user_queries.end_sessions(session, user_id=contact.id)
    return was_active


def invite_village_contact(session: Session, *, actor: Actor, nomination_id: int, username: str, name: str,
                           email: str, links: MailLinks, bcrypt_rounds: int = 12,
                           now: datetime | None = None) -> UserInfo:
    """Create the village contact's login for this one nomination and write them an
    invitation with a link to choose their own password (no password is shown).

    One active contact per nomination: a second one is refused with the first
    one's username (the secretariat can give that user a new one-time password,
    or deactivate them, after which a new contact can be invited)."""
    require_on_nomination(session, actor=actor, action=Action.INVITE_VILLAGE_CONTACT, nomination_id=nomination_id,
                          now=now, lock=True)
    active = [user for user in intake.village_contacts(session, nomination_id) if user.active]
    if active:
        raise InvalidInput("errors.form.contact_exists", username=active[0].username)
    return invite_user(session, actor=actor, bcrypt_rounds=bcrypt_rounds, now=now, links=links, new=NewUser(
        username=username, name=name, email=email, role=Role.VILLAGE, nomination_id=nomination_id))


def goal_choices(session: Session, *, locale: str) -> dict[int, str]:
    """The 17 goals by number, named in ``locale`` ("7 Bæredygtig energi")."""
    index = 0 if locale == "da" else 1
    return {number: f"{number} {names[index]}" for number, names in intake.goal_names(session).items()}

