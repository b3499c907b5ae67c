"""Every kind of state change the services offer leaves exactly one audit entry, with
who acted, the object (type and id), what happened, the old and the new value (the
reason the user gave is part of the new value).

The changes are a table: one case per service function that changes data. A case
arranges what the change needs, makes it, and returns the entry it must leave.

The guard below keeps the table whole. Its rule: every public function in
``prize.services`` that takes an ``actor`` either changes data (it has a case here)
or only reads (it is in ``READS``). A new service function fails the guard until
it is put in one of the two. Functions without an ``actor`` (the login's failure
count, the command line's demo and reference data loaders) are not covered by it.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import io
import json
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import prize.services
from prize.actor import Actor
from prize.backup_links import grant_for
from prize.mail.links import MailLinks
from prize.models import (AuditEntry, ConflictReason, CouncilDecision, Criterion, Finalist, MailKind, OutboxMessage,
                          Presentation, PrizeYear, Recommendation, Score, ScoringRound, Shortlist, User)
from prize.phases import Independence, NominationStatus, Phase, RoundKind
from prize.roles import Role
from prize.schedule import Deadlines
from prize.i18n import t_plain
from prize.services import (archive, backup, bodies, conflicts, council, criteria, decision, mail, material,
                            nominations, personal_data, presentations, recommendation, review, rounds, scoring,
                            shortlist, users, videos, years)
from prize.services.years import YearInfo
from prize.storage import LocalStorage
from tests import material_samples as samples
from tests.factories import (DEFAULT_PASSWORD, TEST_BCRYPT_ROUNDS, actor_of, make_body, make_conflict,
                             make_final_year, make_finalist, make_nomination, make_sheet, make_user, make_year,
                             municipality)

NOW = datetime(2021, 1, 10, 11, 0, tzinfo=UTC)
DEADLINE = datetime(2021, 1, 15, 11, 0, tzinfo=UTC)
LINKS = MailLinks(base_url="https://landsbyprisen.rm.dk", key="audit-test-link-key", valid_for=timedelta(hours=72))


@dataclass(frozen=True)
class Entry:
    """An audit entry as the test compares it; ``old`` and ``new`` as stored, JSON read back."""

    actor_id: int | None
    actor_label: str
    action: str
    entity: str
    entity_id: int | None
    old: object = None
    new: object = None


def entry(actor: Actor, action: str, entity: str, entity_id: int | None, *, old: object = None,
          new: object = None) -> Entry:
    return Entry(actor.id, actor.label, action, entity, entity_id, old, new)


def _read(value: str | None) -> object:
    if value is None:
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return value


# --- The world a case starts from --------------------------------------------------------------

class World:
    """The people and the year a case needs, made on first use."""

    def __init__(self, session: Session, tmp_path) -> None:
        self.session = session
        self.storage = LocalStorage(tmp_path / "files")
        self._made: dict[str, object] = {}

    def _once(self, name: str, make: Callable[[], object]):
        if name not in self._made:
            self._made[name] = make()
        return self._made[name]

    @property
    def secretary(self) -> Actor:
        return actor_of(self._once("secretary", lambda: make_user(
            self.session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen")))

    @property
    def juror_user(self) -> User:
        return self._once("juror", lambda: make_user(self.session, role=Role.JUROR, username="jury1",
                                                     name="Henrik Aagaard Lund"))

    @property
    def juror(self) -> Actor:
        return actor_of(self.juror_user)

    @property
    def body(self):
        return self._once("body", lambda: make_body(self.session))

    @property
    def nominator(self) -> Actor:
        return actor_of(self._once("nominator", lambda: make_user(
            self.session, role=Role.NOMINATOR, body=self.body, username="lag.randers", name="Lone Bech")))

    def year(self, phase: Phase) -> PrizeYear:
        def made() -> PrizeYear:
            prize_year = make_year(self.session, year=2021, phase=phase)
            prize_year.nomination_deadline = DEADLINE
            self.session.flush()
            return prize_year
        return self._once("year", made)

    def candidate(self, phase: Phase, status: NominationStatus = NominationStatus.ELIGIBLE):
        return self._once("candidate", lambda: make_nomination(self.session, year=self.year(phase), body=self.body,
                                                               status=status))

    def screening_round(self) -> ScoringRound:
        year = self.year(Phase.SCREENING)
        return self.session.scalars(select(ScoringRound).where(ScoringRound.year_id == year.id,
                                                               ScoringRound.kind == RoundKind.SCREENING)).one()

    def criteria(self, phase: Phase) -> list[Criterion]:
        year = self.year(phase)
        return list(self.session.scalars(select(Criterion).where(Criterion.year_id == year.id)
                                         .order_by(Criterion.position)))


# --- The cases: one per service function that changes data -----------------------------------

# A case returns its entry; a function that makes two changes (a shortlist and a phase move)
# returns one entry per change.
Case = Callable[[Session, World], Entry | list[Entry]]
CASES: dict[Callable, Case] = {}


def case(function: Callable) -> Callable[[Case], Case]:
    def register(made: Case) -> Case:
        CASES[function] = made
        return made
    return register


@case(users.create_user)
def _create_user(session: Session, world: World) -> Entry:
    created, _ = users.create_user(session, actor=world.secretary, bcrypt_rounds=TEST_BCRYPT_ROUNDS, new=users.NewUser(
        username="jury9", name="Karen Friis", email="karen@example.dk", role=Role.JUROR))
    return entry(world.secretary, "user.created", "user", created.id, new={"username": "jury9", "role": "juror"})


@case(users.set_active)
def _deactivate_user(session: Session, world: World) -> Entry:
    users.set_active(session, actor=world.secretary, user_id=world.juror.id, active=False)
    return entry(world.secretary, "user.deactivated", "user", world.juror.id, old=True, new=False)


@case(users.reset_password)
def _reset_password(session: Session, world: World) -> Entry:
    users.reset_password(session, actor=world.secretary, user_id=world.juror.id, bcrypt_rounds=TEST_BCRYPT_ROUNDS)
    return entry(world.secretary, "user.password_reset", "user", world.juror.id)


@case(users.change_own_password)
def _change_own_password(session: Session, world: World) -> Entry:
    users.change_own_password(session, actor=world.juror, current=DEFAULT_PASSWORD, new="Et-helt-nyt-kodeord-7",
                              repeat="Et-helt-nyt-kodeord-7", bcrypt_rounds=TEST_BCRYPT_ROUNDS)
    return entry(world.juror, "user.password_changed", "user", world.juror.id)


@case(users.log_out)
def _log_out(session: Session, world: World) -> Entry:
    users.log_out(session, actor=world.juror)
    return entry(world.juror, "user.logged_out", "user", world.juror.id, new={"session_version": 1})


@case(users.set_locale)
def _set_locale(session: Session, world: World) -> Entry:
    users.set_locale(session, actor=world.juror, locale="en")
    return entry(world.juror, "user.locale_set", "user", world.juror.id, old="da", new="en")


@case(bodies.add_body)
def _add_body(session: Session, world: World) -> Entry:
    ids = tuple(municipality(session, name).id for name in ("Norddjurs", "Syddjurs"))
    added = bodies.add_body(session, actor=world.secretary, draft=bodies.BodyDraft(
        name="LAG Djursland", kind="lag", municipality_ids=ids))
    return entry(world.secretary, "body.created", "nominating_body", added.id, new={
        "name": "LAG Djursland", "kind": "lag", "municipalities": ["Norddjurs", "Syddjurs"],
        "nomination_limit": 1, "active": True})


@case(bodies.edit_body)
def _edit_body(session: Session, world: World) -> Entry:
    body = world.body
    bodies.edit_body(session, actor=world.secretary, body_id=body.id, draft=bodies.BodyDraft(
        name=body.name, kind=body.kind, municipality_ids=tuple(m.id for m in body.municipalities),
        nomination_limit=2))
    return entry(world.secretary, "body.changed", "nominating_body", body.id,
                 old={"nomination_limit": 1}, new={"nomination_limit": 2})


@case(years.create_year)
def _create_year(session: Session, world: World) -> Entry:
    created = years.create_year(session, actor=world.secretary, year=2030, title="Landsbyprisen 2030")
    return entry(world.secretary, "year.created", "prize_year", created.id,
                 new={"year": 2030, "title": "Landsbyprisen 2030", "criteria_from": "template",
                      "prize_amount": 150_000, "finalist_count": 5, "ranking_method": "weighted_mean"})


@case(years.set_deadlines)
def _set_deadlines(session: Session, world: World) -> Entry:
    year = world.year(Phase.DRAFT)
    opening = datetime(2020, 10, 1, 10, 0, tzinfo=UTC)
    _mark_arranged(session)
    years.set_deadlines(session, actor=world.secretary, year_id=year.id, deadlines=Deadlines(
        nominations_open_at=opening, nomination_deadline=DEADLINE, decision_date=date(2021, 3, 25)))
    return entry(world.secretary, "year.deadlines_set", "prize_year", year.id,
                 old={"nominations_open_at": None, "decision_date": None},
                 new={"nominations_open_at": str(opening), "decision_date": "2021-03-25"})


@case(years.move_phase)
def _move_phase(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.DRAFT))
    years.move_phase(session, actor=world.secretary, year_id=year.id, expected=Phase.DRAFT,
                     target=Phase.NOMINATIONS_OPEN)
    return entry(world.secretary, "year.phase_moved", "prize_year", year.id, old="draft", new="nominations_open")


@case(criteria.add_criterion)
def _add_criterion(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.DRAFT))
    added = criteria.add_criterion(session, actor=world.secretary, year_id=year.id, draft=criteria.CriterionDraft(
        title_da="Kulturarv", title_en="Heritage", weight=2.0, scale_min=1, scale_max=3))
    return entry(world.secretary, "criterion.added", "criterion", added.id, new={
        "title_da": "Kulturarv", "title_en": "Heritage", "description_da": "", "description_en": "",
        "weight": 2.0, "scale_min": 1, "scale_max": 3, "anchors": {"1": ["", ""], "2": ["", ""], "3": ["", ""]}})


@case(criteria.edit_criterion)
def _edit_criterion(session: Session, world: World) -> Entry:
    first = _arranged(session, lambda: world.criteria(Phase.DRAFT)[0])
    old_weight = first.weight
    criteria.edit_criterion(session, actor=world.secretary, criterion_id=first.id, draft=criteria.CriterionDraft(
        title_da=first.title_da, title_en=first.title_en, description_da=first.description_da,
        description_en=first.description_en, weight=old_weight + 1, scale_min=first.scale_min,
        scale_max=first.scale_max))
    return entry(world.secretary, "criterion.changed", "criterion", first.id,
                 old={"weight": old_weight}, new={"weight": old_weight + 1})


@case(criteria.move_criterion)
def _move_criterion(session: Session, world: World) -> Entry:
    first = _arranged(session, lambda: world.criteria(Phase.DRAFT)[0])
    criteria.move_criterion(session, actor=world.secretary, criterion_id=first.id, by=1)
    return entry(world.secretary, "criterion.moved", "criterion", first.id, old=1, new=2)


@case(criteria.remove_criterion)
def _remove_criterion(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.DRAFT))
    last = criteria.year_criteria(session, actor=world.secretary, year_id=year.id).criteria[-1]
    criteria.remove_criterion(session, actor=world.secretary, criterion_id=last.id)
    return entry(world.secretary, "criterion.removed", "criterion", last.id, old={
        "title_da": last.title_da, "title_en": last.title_en, "description_da": last.description_da,
        "description_en": last.description_en, "weight": last.weight, "scale_min": last.scale_min,
        "scale_max": last.scale_max, "position": last.position,
        "anchors": {str(anchor.value): [anchor.text_da, anchor.text_en] for anchor in last.anchors}})


def _draft(session: Session, world: World) -> int:
    world.year(Phase.NOMINATIONS_OPEN)
    return nominations.create_nomination(session, actor=world.nominator, year_id=world.year(Phase.NOMINATIONS_OPEN).id,
                                         name="Stenhøj Vestermark", municipality_id=municipality(session, "Randers").id,
                                         now=NOW)


@case(nominations.create_nomination)
def _create_nomination(session: Session, world: World) -> Entry:
    _arranged(session, lambda: world.year(Phase.NOMINATIONS_OPEN))
    created = _draft(session, world)
    return entry(world.nominator, "nomination.created", "nomination", created,
                 new={"name": "Stenhøj Vestermark", "kind": "village", "municipality": "Randers"})


@case(nominations.update_field)
def _update_field(session: Session, world: World) -> Entry:
    draft = _arranged(session, lambda: _draft(session, world))
    nominations.update_field(session, actor=world.nominator, nomination_id=draft, field="summary",
                             value="Landsbyen, der selv ejer sin varme.", now=NOW)
    return entry(world.nominator, "nomination.changed", "nomination", draft,
                 old={"summary": ""}, new={"summary": "Landsbyen, der selv ejer sin varme."})


COMPLETE = {"villages": ["Stenhøj Vestermark"], "contact_name": "Anne Marie Søndergaard",
            "contact_email": "anne@example.dk", "summary": "Landsbyen, der selv ejer sin varme.",
            "video_url": "https://video.example.dk/stenhoej"}


@case(nominations.submit_nomination)
def _submit_nomination(session: Session, world: World) -> Entry:
    draft = _draft(session, world)
    for field, value in COMPLETE.items():
        nominations.update_field(session, actor=world.nominator, nomination_id=draft, field=field, value=value,
                                 now=NOW)
    _mark_arranged(session)
    nominations.submit_nomination(session, actor=world.nominator, nomination_id=draft, now=NOW)
    return entry(world.nominator, "nomination.submitted", "nomination", draft, old="draft", new="submitted")


@case(nominations.delete_draft)
def _delete_draft(session: Session, world: World) -> Entry:
    draft = _draft(session, world)
    _mark_arranged(session)
    nominations.delete_draft(session, actor=world.nominator, nomination_id=draft, storage=world.storage, now=NOW)
    return entry(world.nominator, "nomination.deleted", "nomination", draft,
                 old={"name": "Stenhøj Vestermark", "attachments": 0}, new={"contacts_deactivated": []})


@case(nominations.invite_village_contact)
def _invite_village_contact(session: Session, world: World) -> Entry:
    draft = _draft(session, world)
    _mark_arranged(session)
    invited = nominations.invite_village_contact(
        session, actor=world.nominator, nomination_id=draft, username="ildsjael", name="Anne Marie Søndergaard",
        email="anne@example.dk", links=LINKS, bcrypt_rounds=TEST_BCRYPT_ROUNDS, now=NOW)
    return entry(world.nominator, "user.created", "user", invited.id, new={"username": "ildsjael", "role": "village"})


@case(material.add_attachment)
def _add_attachment(session: Session, world: World) -> Entry:
    draft = _draft(session, world)
    _mark_arranged(session)
    content = samples.pdf_bytes()
    added = material.add_attachment(session, actor=world.nominator, storage=world.storage, nomination_id=draft,
                                    filename="ansøgning.pdf", stream=io.BytesIO(content),
                                    limits=material.MaterialLimits(document_mb=50, media_mb=500, nomination_mb=500),
                                    now=NOW)
    return entry(world.nominator, "nomination.attachment_added", "nomination", draft, new=_described(added, content))


def _described(added, content: bytes) -> dict:
    return {"attachment_id": added.id, "filename": "ansøgning.pdf", "content_type": "application/pdf",
            "size_bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}


@case(material.remove_attachment)
def _remove_attachment(session: Session, world: World) -> Entry:
    draft = _draft(session, world)
    content = samples.pdf_bytes()
    added = material.add_attachment(session, actor=world.nominator, storage=world.storage, nomination_id=draft,
                                    filename="ansøgning.pdf", stream=io.BytesIO(content),
                                    limits=material.MaterialLimits(document_mb=50, media_mb=500, nomination_mb=500),
                                    now=NOW)
    _mark_arranged(session)
    material.remove_attachment(session, actor=world.nominator, storage=world.storage, attachment_id=added.id, now=NOW)
    return entry(world.nominator, "nomination.attachment_removed", "nomination", draft,
                 old=_described(added, content))


@case(review.mark_eligibility)
def _mark_eligibility(session: Session, world: World) -> Entry:
    candidate = _arranged(session, lambda: world.candidate(Phase.NOMINATIONS_CLOSED, NominationStatus.SUBMITTED))
    review.mark_eligibility(session, actor=world.secretary, nomination_id=candidate.id, eligible=True,
                            reason="Opfylder kriterierne.")
    return entry(world.secretary, "nomination.eligibility_marked", "nomination", candidate.id,
                 old={"status": "submitted", "reason": ""},
                 new={"status": "eligible", "reason": "Opfylder kriterierne."})


@case(review.reopen_nomination)
def _reopen_nomination(session: Session, world: World) -> Entry:
    candidate = _arranged(session, lambda: world.candidate(Phase.NOMINATIONS_CLOSED, NominationStatus.SUBMITTED))
    until = NOW + timedelta(days=7)
    review.reopen_nomination(session, actor=world.secretary, nomination_id=candidate.id, until=until,
                             reason="Videoen manglede.", now=NOW)
    return entry(world.secretary, "nomination.reopened", "nomination", candidate.id,
                 old={"reopened_until": None, "reason": ""},
                 new={"reopened_until": str(until), "reason": "Videoen manglede."})


@case(conflicts.declare_conflict)
def _declare_conflict(session: Session, world: World) -> Entry:
    candidate = _arranged(session, lambda: world.candidate(Phase.SCREENING))
    declared = conflicts.declare_conflict(session, actor=world.juror, nomination_id=candidate.id,
                                          reason=ConflictReason.PERSONAL, note="Min søster bor der.", now=NOW)
    return entry(world.juror, "conflict.declared", "conflict", declared.id, new=_conflict(
        world, candidate, reason="personal", note="Min søster bor der.", declared_by=world.juror.id))


def _conflict(world: World, candidate, *, reason: str, note: str, declared_by: int | None,
              withdrawn_at: datetime | None = None, withdrawal_reason: str = "") -> dict:
    return {"juror_id": world.juror.id, "nomination_id": candidate.id, "reason": reason, "note": note,
            "declared_by_id": declared_by, "withdrawn_at": None if withdrawn_at is None else str(withdrawn_at),
            "withdrawal_reason": withdrawal_reason}


@case(conflicts.recuse_juror)
def _recuse_juror(session: Session, world: World) -> Entry:
    candidate = _arranged(session, lambda: world.candidate(Phase.SCREENING))
    recused = conflicts.recuse_juror(session, actor=world.secretary, juror_id=world.juror.id,
                                     nomination_id=candidate.id, reason=ConflictReason.OWN_MUNICIPALITY, note="",
                                     now=NOW)
    return entry(world.secretary, "conflict.recused", "conflict", recused.id, new=_conflict(
        world, candidate, reason="own_municipality", note="", declared_by=world.secretary.id))


@case(conflicts.withdraw_conflict)
def _withdraw_conflict(session: Session, world: World) -> Entry:
    candidate = world.candidate(Phase.SCREENING)
    conflict = make_conflict(session, juror=world.juror_user, nomination=candidate, reason=ConflictReason.PERSONAL,
                             note="Min søster bor der.")
    _mark_arranged(session)
    conflicts.withdraw_conflict(session, actor=world.secretary, conflict_id=conflict.id, reason="Fejl.", now=NOW)
    declared = _conflict(world, candidate, reason="personal", note="Min søster bor der.", declared_by=world.juror.id)
    return entry(world.secretary, "conflict.withdrawn", "conflict", conflict.id, old=declared,
                 new=declared | {"withdrawn_at": str(NOW), "withdrawal_reason": "Fejl."})


def _sheet_args(world: World) -> dict:
    return {"round_id": world.screening_round().id, "nomination_id": world.candidate(Phase.SCREENING).id}


@case(scoring.record_score)
def _record_score(session: Session, world: World) -> Entry:
    first = _arranged(session, lambda: world.criteria(Phase.SCREENING)[0])
    world.candidate(Phase.SCREENING)
    _mark_arranged(session)
    scoring.record_score(session, actor=world.juror, **_sheet_args(world), criterion_id=first.id, value=4,
                         expected_version=0, now=NOW)
    score_id = _only_score_id(session)
    candidate = world.candidate(Phase.SCREENING)
    return entry(world.juror, "score.recorded", "score", score_id,
                 old={"criterion": first.title_da, "nomination_id": candidate.id, "value": None},
                 new={"criterion": first.title_da, "nomination_id": candidate.id, "value": 4})


def _only_score_id(session: Session) -> int:
    return session.scalars(select(Score.id)).one()


@case(scoring.record_criterion_comment)
def _record_criterion_comment(session: Session, world: World) -> Entry:
    first = world.criteria(Phase.SCREENING)[0]
    world.candidate(Phase.SCREENING)
    line = scoring.record_score(session, actor=world.juror, **_sheet_args(world), criterion_id=first.id, value=4,
                                expected_version=0, now=NOW)
    _mark_arranged(session)
    scoring.record_criterion_comment(session, actor=world.juror, **_sheet_args(world), criterion_id=first.id,
                                     comment="Stærkt fællesskab.", expected_version=line.version, now=NOW)
    return entry(world.juror, "score.commented", "score", _only_score_id(session),
                 old={"criterion": first.title_da, "comment": ""},
                 new={"criterion": first.title_da, "comment": "Stærkt fællesskab."})


def _sheet(session: Session, world: World, *, submitted: bool):
    return _arranged(session, lambda: make_sheet(
        session, round=world.screening_round(), juror=world.juror_user, nomination=world.candidate(Phase.SCREENING),
        submitted=submitted, submitted_at=NOW))


@case(scoring.record_sheet_comment)
def _record_sheet_comment(session: Session, world: World) -> Entry:
    sheet = _sheet(session, world, submitted=False)
    scoring.record_sheet_comment(session, actor=world.juror, **_sheet_args(world), comment="En god kandidat.",
                                 expected_version=sheet.version, now=NOW)
    return entry(world.juror, "sheet.commented", "score_sheet", sheet.id,
                 old={"comment": ""}, new={"comment": "En god kandidat."})


@case(scoring.submit_sheet)
def _submit_sheet(session: Session, world: World) -> Entry:
    sheet = _sheet(session, world, submitted=False)
    scoring.submit_sheet(session, actor=world.juror, **_sheet_args(world), expected_version=sheet.version, now=NOW)
    return entry(world.juror, "sheet.submitted", "score_sheet", sheet.id,
                 old={"submitted_at": None}, new={"submitted_at": str(NOW)})


@case(scoring.reopen_sheet)
def _reopen_sheet(session: Session, world: World) -> Entry:
    sheet = _sheet(session, world, submitted=True)
    scoring.reopen_sheet(session, actor=world.juror, **_sheet_args(world), expected_version=sheet.version, now=NOW)
    return entry(world.juror, "sheet.reopened", "score_sheet", sheet.id,
                 old={"submitted_at": str(NOW)}, new={"submitted_at": None})


def _round_entry(session: Session, world: World, action: str, *, old: object = None,
                 new: Callable[[ScoringRound], object]) -> Entry:
    found = world.screening_round()
    session.refresh(found)
    return entry(world.secretary, action, "scoring_round", found.id, old=old, new=new(found))


@case(rounds.open_round)
def _open_round(session: Session, world: World) -> Entry:
    year = world.year(Phase.SCREENING)
    session.delete(world.screening_round())
    session.flush()
    _mark_arranged(session)
    rounds.open_round(session, actor=world.secretary, year_id=year.id)
    return _round_entry(session, world, "round.opened", new=lambda found: {"opened_at": str(found.opened_at)})


@case(rounds.close_round)
def _close_round(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.SCREENING))
    rounds.close_round(session, actor=world.secretary, year_id=year.id)
    return _round_entry(session, world, "round.closed", new=lambda found: {"closed_at": str(found.closed_at)})


@case(rounds.reopen_round)
def _reopen_round(session: Session, world: World) -> Entry:
    year = world.year(Phase.SCREENING)
    world.screening_round().closed_at = NOW
    _mark_arranged(session)
    rounds.reopen_round(session, actor=world.secretary, year_id=year.id, reason="Et ark manglede.")
    return _round_entry(session, world, "round.reopened", old={"closed_at": str(NOW), "released_at": None},
                        new=lambda found: {"closed_at": None, "released_at": None, "reason": "Et ark manglede."})


@case(rounds.release_results)
def _release_results(session: Session, world: World) -> Entry:
    year = world.year(Phase.SCREENING)
    world.screening_round().closed_at = NOW
    _mark_arranged(session)
    rounds.release_results(session, actor=world.secretary, year_id=year.id)
    return _round_entry(session, world, "round.released",
                        new=lambda found: {"released_at": str(found.released_at)})


@case(rounds.set_independence)
def _set_independence(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.SCREENING))
    rounds.set_independence(session, actor=world.secretary, year_id=year.id,
                            independence=Independence.AFTER_OWN_SHEET)
    return _round_entry(session, world, "round.independence_set", old="until_release",
                        new=lambda found: "after_own_sheet")


def _download_by_link(session: Session, world: World) -> Entry:
    """The backup download through a link: the route's check and its audit entry."""
    secretary = world.secretary
    grant = grant_for(username=secretary.username, session_version=0, now=NOW)
    download = backup.download_by_link(session, session.get_bind(), world.storage, grant=grant, now=NOW)
    download.pieces.close()
    return entry(secretary, "backup.downloaded", "backup", None,
                 new={"filename": "landsbyprisen-backup-2021-01-10-1100.zip"})


@case(personal_data.export_personal_data)
def _export_personal_data(session: Session, world: World) -> Entry:
    personal_data.export_personal_data(session, actor=world.secretary,
                                       person=personal_data.Person(user_id=world.juror.id), now=NOW)
    return entry(world.secretary, "personal_data.exported", "user", world.juror.id, new={"nominations": []})


@case(personal_data.export_own_data)
def _export_own_data(session: Session, world: World) -> Entry:
    personal_data.export_own_data(session, actor=world.juror, now=NOW)
    return entry(world.juror, "personal_data.exported", "user", world.juror.id, new={"nominations": []})


@case(personal_data.erase_personal_data)
def _erase_personal_data(session: Session, world: World) -> Entry:
    personal_data.erase_personal_data(session, actor=world.secretary, person=personal_data.Person(
        user_id=world.juror.id), reason="Jurymedlemmet bad om sletning.", now=NOW)
    return entry(world.secretary, "user.erased", "user", world.juror.id,
                 new={"reason": "Jurymedlemmet bad om sletning."})


@case(personal_data.apply_retention)
def _apply_retention(session: Session, world: World) -> Entry:
    """One deactivated user who never took part and last logged in four years ago."""
    gone = _arranged(session, lambda: make_user(session, role=Role.JUROR, username="jury8", name="Ole Bak",
                                                active=False))
    gone.last_login_at = NOW - timedelta(days=4 * 366)
    _mark_arranged(session)

    personal_data.apply_retention(session, actor=world.secretary, years=3, now=NOW)
    return entry(world.secretary, "user.erased", "user", gone.id,
                 new={"reason": t_plain("privacy.retention.reason", years=3)})


def _screened_year(session: Session, world: World) -> tuple[YearInfo, list[int]]:
    """The year in the shortlist phase, the screening round closed, three candidates scored 5, 4
    and 3 on every criterion by the juror; the year proposes two finalists."""
    def made():
        year = world.year(Phase.SHORTLIST)
        year.finalist_count = 2
        screening = world.screening_round()
        ids = []
        for name, value in (("Løvel", 5), ("Skjød", 4), ("Asferg", 3)):
            nomination = make_nomination(session, year=year, body=world.body, name=name,
                                         status=NominationStatus.ELIGIBLE)
            make_sheet(session, round=screening, juror=world.juror_user, nomination=nomination,
                       values=(value,) * 7)
            ids.append(nomination.id)
        session.flush()
        return YearInfo.of(year), ids
    return _arranged(session, made)


@case(shortlist.confirm_shortlist)
def _confirm_shortlist(session: Session, world: World) -> list[Entry]:
    """Two changes, one entry each: the confirmed shortlist, and the year's move to the final round."""
    year, (lovel, skjod, _) = _screened_year(session, world)

    confirmed = shortlist.confirm_shortlist(session, actor=world.secretary, year=year, finalists=[lovel, skjod])
    shortlist_id = session.scalar(select(Shortlist.id).where(Shortlist.year_id == year.id))
    return [entry(world.secretary, "shortlist.confirmed", "shortlist", shortlist_id,
                  old={"method": "weighted_mean", "proposed": ["Løvel", "Skjød"], "tied": []},
                  new={"changed": False, "finalists": confirmed.names, "justification": "", "tie_resolved": False}),
            entry(world.secretary, "year.phase_moved", "prize_year", year.id, old="shortlist", new="final_round")]


@case(shortlist.set_shortlist_rule)
def _set_shortlist_rule(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.SCREENING))
    shortlist.set_shortlist_rule(session, actor=world.secretary, year_id=year.id, method="median", finalist_count=4)
    return entry(world.secretary, "year.shortlist_rule_set", "prize_year", year.id,
                 old={"finalist_count": 5, "ranking_method": "weighted_mean"},
                 new={"finalist_count": 4, "ranking_method": "median"})


@case(users.invite_user)
def _invite_user(session: Session, world: World) -> Entry:
    """The invitation's mail is part of the change, not a change of its own."""
    invited = users.invite_user(session, actor=world.secretary, links=LINKS, bcrypt_rounds=TEST_BCRYPT_ROUNDS,
                                now=NOW, new=users.NewUser(username="jury9", name="Karen Friis",
                                                           email="karen@example.dk", role=Role.JUROR))
    return entry(world.secretary, "user.created", "user", invited.id, new={"username": "jury9", "role": "juror"})


@case(mail.queue_jury_reminders)
def _queue_jury_reminders(session: Session, world: World) -> Entry:
    def arrange() -> YearInfo:
        world.juror_user.email = "henrik@example.dk"
        world.candidate(Phase.SCREENING)
        return YearInfo.of(world.year(Phase.SCREENING))
    year = _arranged(session, arrange)

    mail.queue_jury_reminders(session, actor=world.secretary, year=year, links=LINKS, now=NOW)
    return entry(world.secretary, "mail.queued", "year", year.id, new={"kind": "jury_reminder", "messages": 1})


@case(mail.queue_shortlist_publication)
def _queue_shortlist_publication(session: Session, world: World) -> Entry:
    def arrange() -> YearInfo:
        nominator = session.get(User, world.nominator.id)
        nominator.email = "lone@example.dk"
        candidate = world.candidate(Phase.FINAL_ROUND)
        candidate.submitted_at = NOW
        make_finalist(session, nomination=candidate)
        return YearInfo.of(world.year(Phase.FINAL_ROUND))
    year = _arranged(session, arrange)

    mail.queue_shortlist_publication(session, actor=world.secretary, year=year, now=NOW)
    return entry(world.secretary, "mail.queued", "year", year.id,
                 new={"kind": "shortlist_publication", "messages": 1})


@case(mail.queue_seminar_invitation)
def _queue_seminar_invitation(session: Session, world: World) -> Entry:
    def arrange() -> YearInfo:
        world.candidate(Phase.FINAL_ROUND).contact_email = "bo@example.dk"
        return YearInfo.of(world.year(Phase.FINAL_ROUND))
    year = _arranged(session, arrange)

    mail.queue_seminar_invitation(session, actor=world.secretary, year=year, when=NOW + timedelta(days=30),
                                  where="Forsamlingshuset, Stenhøj", now=NOW)
    return entry(world.secretary, "mail.queued", "year", year.id, new={"kind": "seminar_invitation", "messages": 1})


def _queued(session: Session) -> int:
    return _arranged(session, lambda: mail.queue_message(
        session, recipient="bo@example.dk", locale="da", kind=MailKind.RECEIPT, subject="Kvittering",
        body="Tak for indstillingen.", now=NOW))


@case(mail.retry_message)
def _retry_message(session: Session, world: World) -> Entry:
    message_id = _queued(session)
    later = NOW + timedelta(hours=1)

    mail.retry_message(session, actor=world.secretary, message_id=message_id, now=later)
    return entry(world.secretary, "mail.retried", "outbox", message_id, old=_stored_moment(NOW),
                 new=_stored_moment(later))


@case(mail.retry_failed)
def _retry_failed(session: Session, world: World) -> Entry:
    message_id = _queued(session)
    session.get(OutboxMessage, message_id).last_error = "Connection refused"
    _mark_arranged(session)

    mail.retry_failed(session, actor=world.secretary, now=NOW)
    return entry(world.secretary, "mail.retried", "outbox", None, new={"messages": [message_id]})


@case(mail.mark_sent_by_hand)
def _mark_sent_by_hand(session: Session, world: World) -> Entry:
    message_id = _queued(session)

    mail.mark_sent_by_hand(session, actor=world.secretary, message_id=message_id, now=NOW)
    return entry(world.secretary, "mail.sent_by_hand", "outbox", message_id, new="bo@example.dk")


def _stored_moment(moment: datetime) -> str:
    """A moment as the audit log stores it after a round trip through the database (SQLite drops the zone)."""
    return moment.isoformat()


# --- The final: presentations, the recommendation, the decision, the archive -----------------

MEETING_AT = datetime(2023, 3, 10, 13, 0, tzinfo=UTC)
RATIONALE = "Skjød opfylder kriterierne bedst."


def _final_year(session: Session, world: World, *, phase: Phase = Phase.FINAL_ROUND, drafted: bool = False,
                approved: bool = False):
    """A 2023 year in ``phase`` with the finalists Løvel, Skjød and Asferg; its recommendation
    of Skjød drafted (and approved) when asked."""
    def made():
        year, finalists = make_final_year(session, phase=Phase.FINAL_ROUND)
        if drafted or approved:
            recommendation.draft_recommendation(session, actor=world.secretary, year_id=year.id,
                                                nomination_id=finalists["Skjød"].id, rationale=RATIONALE)
        if approved:
            recommendation.approve_recommendation(session, actor=world.secretary, year_id=year.id)
        year.phase = phase
        session.flush()
        return year, finalists
    return _arranged(session, made)


def _presentation_id(session: Session) -> int:
    return session.scalar(select(Presentation.id))


@case(presentations.schedule_presentation)
def _schedule_presentation(session: Session, world: World) -> Entry:
    year, finalists = _final_year(session, world)
    presentations.schedule_presentation(session, actor=world.secretary, year_id=year.id,
                                        nomination_id=finalists["Løvel"].id, starts_at=MEETING_AT, place="Løvel")
    return entry(world.secretary, "presentation.scheduled", "presentation", _presentation_id(session),
                 new={"starts_at": str(MEETING_AT), "place": "Løvel", "online_url": ""})


@case(presentations.write_presentation_notes)
def _write_presentation_notes(session: Session, world: World) -> Entry:
    year, finalists = _final_year(session, world)
    presentations.write_presentation_notes(session, actor=world.juror, year_id=year.id,
                                           nomination_id=finalists["Løvel"].id, notes="God energi.",
                                           expected_version=0)
    return entry(world.juror, "presentation.notes_written", "presentation", _presentation_id(session),
                 old="", new="God energi.")


@case(recommendation.draft_recommendation)
def _draft_recommendation(session: Session, world: World) -> Entry:
    year, finalists = _final_year(session, world)
    recommendation.draft_recommendation(session, actor=world.secretary, year_id=year.id,
                                        nomination_id=finalists["Skjød"].id, rationale=RATIONALE)
    return entry(world.secretary, "recommendation.drafted", "recommendation",
                 session.scalar(select(Recommendation.id)),
                 new={"candidate": "Skjød", "rationale": RATIONALE, "remarks": {}})


@case(recommendation.approve_recommendation)
def _approve_recommendation(session: Session, world: World) -> Entry:
    year, _ = _final_year(session, world, drafted=True)
    approved = recommendation.approve_recommendation(session, actor=world.secretary, year_id=year.id)
    return entry(world.secretary, "recommendation.approved", "recommendation",
                 session.scalar(select(Recommendation.id)),
                 new={"candidate": "Skjød", "approved_at": str(approved.approved_at)})


@case(council.set_council_options)
def _set_council_options(session: Session, world: World) -> Entry:
    year = _arranged(session, lambda: world.year(Phase.FINAL_ROUND))
    council.set_council_options(session, actor=world.secretary, year_id=year.id,
                                options=council.CouncilOptions(anonymous_jury=True, print_conflict_reasons=False))
    return entry(world.secretary, "year.council_options_set", "prize_year", year.id,
                 old={"anonymous_jury": False, "print_conflict_reasons": False},
                 new={"anonymous_jury": True, "print_conflict_reasons": False})


@case(decision.record_decision)
def _record_decision(session: Session, world: World) -> list[Entry]:
    """Two changes, one entry each: the decision, and the year's move to "decided"."""
    year, finalists = _final_year(session, world, phase=Phase.RECOMMENDATION, approved=True)
    decision.record_decision(session, actor=world.secretary, year_id=year.id, winner_id=finalists["Skjød"].id,
                             decided_on=date(2023, 3, 22), prize_amount=150_000)
    return [entry(world.secretary, "decision.recorded", "council_decision",
                  session.scalar(select(CouncilDecision.id)),
                  new={"winner": "Skjød", "recommended": True, "decided_on": "2023-03-22", "prize_amount": 150_000,
                       "note": ""}),
            entry(world.secretary, "year.phase_moved", "prize_year", year.id, old="recommendation", new="decided")]


@case(archive.enter_past_winner)
def _enter_past_winner(session: Session, world: World) -> Entry:
    _arranged(session, lambda: municipality(session, "Holstebro"))
    decision_id = archive.enter_past_winner(session, actor=world.secretary, winner=archive.PastWinner(
        year=2019, name="Idom-Råsted", municipality="Holstebro", villages=("Idom", "Råsted")))
    return entry(world.secretary, "decision.entered_by_hand", "council_decision", decision_id,
                 new={"year": 2019, "winner": "Idom-Råsted", "villages": "Idom, Råsted", "municipality": "Holstebro",
                      "prize_amount": 150_000, "decided_on": None, "note": ""})


def _finalist(session: Session, world: World):
    """A finalist of the year in the final round (its shortlist row is not needed here)."""
    def made():
        candidate = world.candidate(Phase.FINAL_ROUND)
        session.add(Finalist(year_id=candidate.year_id, nomination_id=candidate.id, position=1))
        session.flush()
        return candidate
    return world._once("finalist", made)


VIDEO_LINK = "https://vimeo.com/76979871"


def _video_link(session: Session, world: World):
    return videos.add_video_link(session, actor=world.secretary, nomination_id=_finalist(session, world).id,
                                 url=VIDEO_LINK, title="Stenhøj på Vimeo")


def _link_described(world: World, **changes) -> dict:
    return {"nomination_id": world.candidate(Phase.FINAL_ROUND).id, "kind": "link", "title": "Stenhøj på Vimeo",
            "description": "", "published": False, "url": VIDEO_LINK} | changes


@case(videos.add_video_link)
def _add_video_link(session: Session, world: World) -> Entry:
    _arranged(session, lambda: _finalist(session, world))
    added = _video_link(session, world)
    return entry(world.secretary, "video.added", "video", added.id, new=_link_described(world))


@case(videos.add_video_file)
def _add_video_file(session: Session, world: World) -> Entry:
    finalist = _arranged(session, lambda: _finalist(session, world))
    content = samples.webm_bytes()
    added = videos.add_video_file(session, actor=world.secretary, storage=world.storage, nomination_id=finalist.id,
                                  filename="stenhøj.webm", stream=io.BytesIO(content), title="Stenhøj",
                                  limits=material.MaterialLimits(document_mb=50, media_mb=500, nomination_mb=500))
    return entry(world.secretary, "video.added", "video", added.id, new={
        "nomination_id": finalist.id, "kind": "file", "title": "Stenhøj", "description": "", "published": False,
        "filename": "stenhøj.webm", "content_type": "video/webm", "size_bytes": len(content),
        "sha256": hashlib.sha256(content).hexdigest()})


@case(videos.edit_video)
def _edit_video(session: Session, world: World) -> Entry:
    added = _arranged(session, lambda: _video_link(session, world))
    videos.edit_video(session, actor=world.secretary, video_id=added.id, title="Stenhøj i tre minutter",
                      description="Varmeværket.")
    return entry(world.secretary, "video.changed", "video", added.id,
                 old={"title": "Stenhøj på Vimeo", "description": ""},
                 new={"title": "Stenhøj i tre minutter", "description": "Varmeværket."})


@case(videos.set_video_published)
def _set_video_published(session: Session, world: World) -> Entry:
    added = _arranged(session, lambda: _video_link(session, world))
    videos.set_video_published(session, actor=world.secretary, video_id=added.id, published=True)
    return entry(world.secretary, "video.published", "video", added.id, old=False, new=True)


@case(videos.remove_video)
def _remove_video(session: Session, world: World) -> Entry:
    added = _arranged(session, lambda: _video_link(session, world))
    videos.remove_video(session, actor=world.secretary, storage=world.storage, video_id=added.id)
    return entry(world.secretary, "video.removed", "video", added.id, old=_link_described(world))


# Not found by the guard (no ``actor`` parameter), yet a change of state all the same.
CASES[backup.download_by_link] = _download_by_link


# --- The functions that only read, or record -------------------------------------------------

READS = {
    "archive": {"archive_of", "past_winner_municipalities"},
    "decision": {"decision_view"},
    "presentations": {"presentation_schedule"},
    "recommendation": {"recommendation_view"},
    "audit": {"audit_choices", "audit_trail", "candidate_history",
              "record_change"},  # the recorder itself: every case above goes through it
    "backup": {"backup_download", "backup_link", "require_backup"},  # backup_link signs; it stores nothing
    "bodies": {"list_bodies"},
    "conflicts": {"conflicts_frame", "own_conflict", "proposed_conflicts", "recusal_choices"},
    "criteria": {"year_criteria"},
    "material": {"file_link", "file_links", "material_of", "may_change_material"},
    "nominations": {"new_nomination_choices", "nomination_detail", "own_nominations"},
    "mail": {"outbox_overview",
             # Steps of an audited action (submitting, inviting), never called on their own.
             "queue_invitation", "queue_receipt"},
    "personal_data": {"find_people", "retention_plan"},
    "progress": {"progress_of_round", "round_progress"},
    "ranking": {"ranking_inputs", "require_results"},
    "results": {"ranked_round", "round_results"},
    "reach": {"require_on_nomination"},
    "receipts": {"receipt_for"},
    "review": {"nomination_review", "nominations_review"},
    "rounds": {"round_status"},
    "shortlist": {"confirm_refusal", "confirmed_shortlist", "propose_shortlist"},
    "scoring": {"candidate_profile", "juror_worklist", "others_scores", "require_juror_view", "sheet_view",
                "visible_others_scores"},
    "users": {"affiliation_options", "list_users", "own_profile", "user_by_username"},
    "years": {"current_overview", "year_overview"},
    "videos": {"finalists_with_videos", "may_watch_videos", "videos_refusal", "watchable_videos"},
}


def _functions_with_an_actor() -> dict[str, Callable]:
    """Every public function of ``prize.services`` that takes an ``actor``, by ``module.name``."""
    found = {}
    for module_info in pkgutil.iter_modules(prize.services.__path__):
        module = importlib.import_module(f"prize.services.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_") \
                    and "actor" in inspect.signature(function).parameters:
                found[f"{module_info.name}.{name}"] = function
    return found


def _name(function: Callable) -> str:
    return f"{function.__module__.removeprefix('prize.services.')}.{function.__name__}"


def test_every_service_function_with_an_actor_is_either_a_change_with_a_case_or_a_read():
    changes = {_name(function) for function in CASES}
    reads = {f"{module}.{name}" for module, names in READS.items() for name in names}

    unlisted = set(_functions_with_an_actor()) - changes - reads

    assert (unlisted, changes & reads) == (set(), set())


def test_every_listed_read_still_exists():
    reads = {f"{module}.{name}" for module, names in READS.items() for name in names}

    assert reads - set(_functions_with_an_actor()) == set()


# --- The test --------------------------------------------------------------------------------

_ARRANGED = "audit_arranged_until"


def _mark_arranged(session: Session) -> None:
    """Entries up to here were left by the arrangement, not by the change under test."""
    session.flush()
    session.info[_ARRANGED] = session.scalar(select(func.coalesce(func.max(AuditEntry.id), 0)))


def _arranged(session: Session, make: Callable[[], object]):
    made = make()
    _mark_arranged(session)
    return made


def _entries_after(session: Session, last_id: int) -> list[Entry]:
    session.flush()
    return [Entry(row.actor_id, row.actor_label, row.action, row.entity, row.entity_id, _read(row.old_value),
                  _read(row.new_value))
            for row in session.scalars(select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id))]


@pytest.mark.parametrize("made", list(CASES.values()), ids=[_name(function) for function in CASES])
def test_each_change_leaves_exactly_one_audit_entry_with_its_fields(session, tmp_path, made: Case):
    world = World(session, tmp_path)
    _arranged(session, lambda: (world.secretary, world.juror, world.nominator))

    expected = made(session, world)

    assert _entries_after(session, session.info[_ARRANGED]) == (expected if isinstance(expected, list) else [expected])

