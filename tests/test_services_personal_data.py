"""A person's data: finding them, the export of everything the app holds about them, erasure
that keeps the year's scores working, and the retention that anonymises old data."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import select

from prize.actor import Actor
from prize.errors import InvalidInput, LoginRefused, NotAllowed, NotFound
from prize.models import AuditEntry, Conflict, Criterion, Nomination, PrizeYear, ScoreSheet, ScoringRound, User
from prize.models.base import utcnow
from prize.nomination_fields import NominationField
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.conflicts import counted_scores_frame
from prize.queries.years import scoring_round
from prize.ranking import METHODS, rank
from prize.roles import Role
from prize.services.auth import check_login
from prize.services.nominations import create_nomination, update_field
from prize.services.personal_data import (FORMAT, Erasure, Person, PersonMatch, apply_retention, erase_personal_data,
                                          export_own_data, export_personal_data, find_people, retention_plan)
from prize.services.progress import round_progress
from prize.services.ranking import ranking_inputs
from prize.services.years import YearInfo, move_phase
from tests.factories import (DEFAULT_PASSWORD, actor_of, make_body, make_conflict, make_nomination, make_sheet,
                             make_user, make_year)

MOMENT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
CLI = Actor.command_line()
REASON = "Anmodning om sletning modtaget pr. e-mail 1. december 2026"


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class World:
    year: PrizeYear
    stenhoj: Nomination
    lovel: Nomination
    nominator: User
    village: User
    juror: User
    other_juror: User
    secretary: User


def _world(session) -> World:
    """2020 in screening: the nominator Lise made Stenhøj (contact Anne, who is also the village
    user) and Løvel (contact Bo, no login). Jens scored Stenhøj and has a conflict with Løvel;
    Karen scored both."""
    year = make_year(session, year=2020, phase=Phase.NOMINATIONS_OPEN)
    body = make_body(session)
    body.nomination_limit = 2
    nominator = make_user(session, role=Role.NOMINATOR, username="lag.randers", name="Lise Lagsen",
                          email="lise@example.dk", body=body)
    contacts = {"Stenhøj": ("Anne Marie Søndergaard", "anne@example.dk", "+45 12 34 56 78"),
                "Løvel": ("Bo Bertelsen", "bo@example.dk", "")}
    made = {}
    for name, (contact, email, phone) in contacts.items():
        made[name] = session.get(Nomination, create_nomination(
            session, actor=actor_of(nominator), year_id=year.id, name=name,
            municipality_id=body.municipalities[0].id))
        for field, value in ((NominationField.CONTACT_NAME, contact), (NominationField.CONTACT_EMAIL, email),
                             (NominationField.CONTACT_PHONE, phone)):
            update_field(session, actor=actor_of(nominator), nomination_id=made[name].id, field=field, value=value)
        made[name].status = NominationStatus.ELIGIBLE
    year.phase = Phase.SCREENING
    session.add(ScoringRound(year_id=year.id, kind=RoundKind.SCREENING, opened_at=utcnow()))
    session.flush()
    village = make_user(session, role=Role.VILLAGE, username="ildsjael", name="Anne Marie Søndergaard",
                        email="Anne@Example.dk", nomination=made["Stenhøj"])
    juror = make_user(session, role=Role.JUROR, username="jury1", name="Jens Juul", email="jens@example.dk")
    other = make_user(session, role=Role.JUROR, username="jury2", name="Karen Krog", email="karen@example.dk")
    secretary = make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Sara Sekretær")
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    make_sheet(session, round=screening, juror=juror, nomination=made["Stenhøj"], values=(4, 5, 3, 4, 5, 3, 4))
    make_conflict(session, juror=juror, nomination=made["Løvel"], note="Min søster bor i Løvel")
    make_sheet(session, round=screening, juror=other, nomination=made["Stenhøj"], values=(3, 3, 3, 3, 3, 3, 3))
    make_sheet(session, round=screening, juror=other, nomination=made["Løvel"], values=(5, 4, 5, 4, 5, 4, 5))
    return World(year=year, stenhoj=made["Stenhøj"], lovel=made["Løvel"], nominator=nominator, village=village,
                 juror=juror, other_juror=other, secretary=secretary)


def _events(session, **where) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)))


def _event(entry: AuditEntry) -> dict:
    return {"at": iso(entry.at), "actor": entry.actor_label, "action": entry.action, "entity": entry.entity,
            "entity_id": entry.entity_id, "old_value": entry.old_value, "new_value": entry.new_value}


def _nomination(session, nomination: Nomination) -> dict:
    session.refresh(nomination)
    return {"id": nomination.id, "year": 2020, "name": nomination.name, "status": "eligible",
            "nominating_body": "LAG Randers-Favrskov", "municipality": "Randers",
            "contact_name": nomination.contact_name, "contact_email": nomination.contact_email,
            "contact_phone": nomination.contact_phone, "created_at": iso(nomination.created_at),
            "submitted_at": None, "contact_erased_at": iso(nomination.contact_erased_at)}


def _profile(user: User, **changes) -> dict:
    profile = {"id": user.id, "username": user.username, "name": user.name, "email": user.email, "title": "",
               "role": user.role.value, "active": True, "locale": "da", "nominating_body": None, "nomination": None,
               "home_municipality": None, "created_at": iso(user.created_at), "erased_at": None}
    return profile | changes


NO_LOGINS = {"last_login_at": None, "failed_logins": 0, "locked_until": None, "must_change_password": False}


# --- Export ---------------------------------------------------------------------------------

def test_the_export_of_a_juror_holds_their_profile_sheets_conflicts_and_audit_events(session):
    world = _world(session)
    events = [_event(entry) for entry in _events(session, action="user.created", entity_id=world.juror.id)]
    titles = session.scalars(select(Criterion.title_da).where(Criterion.year_id == world.year.id)
                             .order_by(Criterion.position)).all()

    document = export_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), now=MOMENT)

    stored_sheet = session.scalars(select(ScoreSheet).where(ScoreSheet.juror_id == world.juror.id)).one()
    conflict = session.scalars(select(Conflict).where(Conflict.juror_id == world.juror.id)).one()
    assert document == {
        "format": FORMAT,
        "exported_at": "2026-12-02T09:30:00+00:00",
        "person": {"user_id": world.juror.id, "email": "jens@example.dk", "name": "Jens Juul"},
        "profile": _profile(world.juror),
        "roles": ["juror"],
        "logins": NO_LOGINS,
        "nominations_made": [],
        "contact_of": [],
        "score_sheets": [{"year": 2020, "round": "screening", "candidate": "Stenhøj", "comment": "",
                          "submitted_at": iso(stored_sheet.submitted_at),
                          "scores": [{"criterion": title, "value": value, "comment": ""}
                                     for title, value in zip(titles, (4, 5, 3, 4, 5, 3, 4), strict=True)]}],
        "conflicts": [{"year": 2020, "candidate": "Løvel", "reason": "own_municipality",
                       "note": "Min søster bor i Løvel", "declared_at": iso(conflict.declared_at),
                       "withdrawn_at": None, "withdrawal_reason": ""}],
        "audit_events": events,
    }


def test_the_export_of_a_nominator_holds_the_nominations_they_made(session):
    world = _world(session)
    events = [_event(entry) for entry in sorted(
        _events(session, entity_id=world.nominator.id, entity="user") + _events(session, actor_id=world.nominator.id),
        key=lambda entry: entry.id)]

    document = export_personal_data(session, actor=CLI, person=Person(user_id=world.nominator.id), now=MOMENT)

    assert document == {
        "format": FORMAT,
        "exported_at": "2026-12-02T09:30:00+00:00",
        "person": {"user_id": world.nominator.id, "email": "lise@example.dk", "name": "Lise Lagsen"},
        "profile": _profile(world.nominator, nominating_body="LAG Randers-Favrskov"),
        "roles": ["nominator"],
        "logins": NO_LOGINS,
        "nominations_made": [_nomination(session, world.lovel), _nomination(session, world.stenhoj)],
        "contact_of": [],
        "score_sheets": [],
        "conflicts": [],
        "audit_events": events,
    }


def test_the_export_of_a_village_contact_holds_the_nomination_naming_their_email_in_any_case(session):
    world = _world(session)
    events = [_event(entry) for entry in _events(session, entity_id=world.village.id, entity="user")]

    document = export_personal_data(session, actor=CLI, person=Person(user_id=world.village.id), now=MOMENT)

    assert document == {
        "format": FORMAT,
        "exported_at": "2026-12-02T09:30:00+00:00",
        "person": {"user_id": world.village.id, "email": "Anne@Example.dk", "name": "Anne Marie Søndergaard"},
        "profile": _profile(world.village, nomination="Stenhøj"),
        "roles": ["village"],
        "logins": NO_LOGINS,
        "nominations_made": [],
        "contact_of": [_nomination(session, world.stenhoj)],
        "score_sheets": [],
        "conflicts": [],
        "audit_events": events,
    }


def test_the_export_of_a_contact_person_without_login_holds_the_nominations_naming_them(session):
    world = _world(session)

    document = export_personal_data(session, actor=CLI, person=Person(email="BO@example.dk"), now=MOMENT)

    assert document == {
        "format": FORMAT, "exported_at": "2026-12-02T09:30:00+00:00",
        "person": {"user_id": None, "email": "BO@example.dk", "name": ""},
        "profile": None, "roles": [], "logins": None, "nominations_made": [],
        "contact_of": [_nomination(session, world.lovel)],
        "score_sheets": [], "conflicts": [], "audit_events": [],
    }


def test_an_export_is_audited_without_the_persons_data(session):
    world = _world(session)

    export_personal_data(session, actor=CLI, person=Person(user_id=world.village.id), now=MOMENT)

    assert [(entry.actor_label, entry.entity, entry.entity_id, entry.new_value)
            for entry in _events(session, action="personal_data.exported")] == [
        ("Kommandolinjen (cli)", "user", world.village.id, f'{{"nominations": [{world.stenhoj.id}]}}')]


def test_a_user_downloads_their_own_data_and_nobody_elses(session):
    world = _world(session)

    own = export_own_data(session, actor=actor_of(world.juror), now=MOMENT)

    assert (own["person"], own["roles"]) == (
        {"user_id": world.juror.id, "email": "jens@example.dk", "name": "Jens Juul"}, ["juror"])
    with pytest.raises(NotAllowed):
        export_personal_data(session, actor=actor_of(world.juror), person=Person(user_id=world.village.id))


def test_an_unknown_person_is_not_found(session):
    _world(session)

    with pytest.raises(NotFound):
        export_personal_data(session, actor=CLI, person=Person(user_id=9999))


# --- Finding a person -----------------------------------------------------------------------

def test_a_search_finds_users_and_contacts_and_a_contact_with_a_users_email_is_that_user(session):
    world = _world(session)

    found = find_people(session, actor=CLI, text="example.dk")

    assert found == [
        PersonMatch(person=Person(user_id=world.village.id), name="Anne Marie Søndergaard", email="Anne@Example.dk",
                    username="ildsjael", role=Role.VILLAGE, contact_of=1),
        PersonMatch(person=Person(user_id=world.juror.id), name="Jens Juul", email="jens@example.dk",
                    username="jury1", role=Role.JUROR, contact_of=0),
        PersonMatch(person=Person(user_id=world.other_juror.id), name="Karen Krog", email="karen@example.dk",
                    username="jury2", role=Role.JUROR, contact_of=0),
        PersonMatch(person=Person(user_id=world.nominator.id), name="Lise Lagsen", email="lise@example.dk",
                    username="lag.randers", role=Role.NOMINATOR, contact_of=0),
        PersonMatch(person=Person(email="bo@example.dk"), name="Bo Bertelsen", email="bo@example.dk", contact_of=1),
    ]


def test_a_search_of_one_letter_is_refused(session):
    _world(session)

    with pytest.raises(InvalidInput) as refused:
        find_people(session, actor=CLI, text=" a ")

    assert refused.value.message() == "Skriv mindst 2 tegn for at søge."


# --- Erasure --------------------------------------------------------------------------------

def _results(session, world: World) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The round's counted scores, and each candidate's mean of them per criterion."""
    screening = scoring_round(session, year_id=world.year.id, kind=RoundKind.SCREENING)
    counted = counted_scores_frame(session, round_id=screening.id)
    return counted, counted.groupby(["nomination_id", "criterion_id"])["value"].mean().reset_index()


def test_erasing_a_juror_keeps_the_rounds_counted_scores_and_means(session):
    world = _world(session)
    scores_before, means_before = _results(session, world)

    erasure = erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON,
                                  now=MOMENT)

    scores_after, means_after = _results(session, world)
    assert_frame_equal(scores_after, scores_before)
    assert_frame_equal(means_after, means_before)
    assert erasure == Erasure(user_reference=f"Slettet bruger {world.juror.id}", nominations=())


def test_erasing_a_juror_leaves_the_rounds_ranking_under_every_method_as_it_was(session):
    world = _world(session)
    year = YearInfo.of(world.year)
    inputs = ranking_inputs(session, actor=CLI, year=year, round_kind=RoundKind.SCREENING)
    before = {method: rank(inputs.scores, inputs.weights, method) for method in METHODS}

    erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON, now=MOMENT)

    inputs = ranking_inputs(session, actor=CLI, year=year, round_kind=RoundKind.SCREENING)
    for method in METHODS:
        assert_frame_equal(rank(inputs.scores, inputs.weights, method), before[method])


def test_an_erased_juror_leaves_the_progress_as_a_deactivated_one_does(session):
    """The progress lists the active jurors: who still has to score. An erased user is
    deactivated, so they leave it, and the other jurors' rows stay as they were."""
    world = _world(session)
    before = round_progress(session, actor=CLI, year=YearInfo.of(world.year)).per_juror()

    erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON, now=MOMENT)

    after = round_progress(session, actor=CLI, year=YearInfo.of(world.year)).per_juror()
    assert_frame_equal(after, before[before["id"] != world.juror.id].reset_index(drop=True))


def test_an_erased_user_keeps_no_name_email_or_login(session):
    world = _world(session)

    erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON, now=MOMENT)

    session.refresh(world.juror)
    juror = world.juror
    assert (juror.name, juror.username, juror.email, juror.title, juror.password_hash, juror.active,
            juror.home_municipality_id, juror.last_login_at, juror.erased_at, juror.session_version) == (
        f"Slettet bruger {juror.id}", f"slettet-{juror.id}", "", "", "", False, None, None, MOMENT, 1)
    with pytest.raises(LoginRefused):
        check_login(session, username="jury1", password=DEFAULT_PASSWORD)


def test_erasing_a_village_contact_erases_the_contact_data_of_their_nomination_and_audits_each_row(session):
    world = _world(session)

    erasure = erase_personal_data(session, actor=actor_of(world.secretary), person=Person(user_id=world.village.id),
                                  reason=REASON, now=MOMENT)

    session.refresh(world.stenhoj)
    session.refresh(world.lovel)
    assert erasure == Erasure(user_reference=f"Slettet bruger {world.village.id}", nominations=(world.stenhoj.id,))
    assert [(n.contact_name, n.contact_email, n.contact_phone, n.contact_erased_at)
            for n in (world.stenhoj, world.lovel)] == [
        ("Slettet kontaktperson", "", "", MOMENT), ("Bo Bertelsen", "bo@example.dk", "", None)]
    assert [(entry.actor_label, entry.action, entry.entity, entry.entity_id, entry.old_value, entry.new_value)
            for entry in _events(session, actor_id=world.secretary.id)] == [
        ("Sara Sekretær (sekretariat)", "user.erased", "user", world.village.id, None,
         f'{{"reason": "{REASON}"}}'),
        ("Sara Sekretær (sekretariat)", "nomination.contact_erased", "nomination", world.stenhoj.id, None,
         f'{{"reason": "{REASON}"}}')]


def test_erasing_a_contact_person_without_login_erases_every_nomination_naming_them(session):
    world = _world(session)

    erasure = erase_personal_data(session, actor=CLI, person=Person(email="bo@example.dk"), reason=REASON,
                                  now=MOMENT)

    session.refresh(world.lovel)
    assert (erasure, world.lovel.contact_name, world.lovel.contact_email) == (
        Erasure(user_reference="", nominations=(world.lovel.id,)), "Slettet kontaktperson", "")
    assert find_people(session, actor=CLI, text="Bertelsen") == []


@pytest.mark.parametrize(("who", "reason", "message"), [
    pytest.param("secretary", REASON, "Den sidste aktive sekretariatsbruger kan ikke slettes: der skal være mindst én.",
                 id="last-secretariat"),
    pytest.param("self", REASON, "Du kan ikke slette dine egne oplysninger. Bed en anden fra sekretariatet om det.",
                 id="self"),
    pytest.param("juror", "   ", "Feltet «Begrundelse» skal udfyldes.", id="no-reason"),
])
def test_a_refused_erasure_says_why_and_changes_nothing(session, who, reason, message):
    world = _world(session)
    actor = actor_of(world.secretary) if who == "self" else CLI
    target = world.secretary if who in ("secretary", "self") else world.juror
    events_before = len(_events(session))

    with pytest.raises(InvalidInput) as refused:
        erase_personal_data(session, actor=actor, person=Person(user_id=target.id), reason=reason)

    session.refresh(target)
    assert (refused.value.message(), target.erased_at, target.active, len(_events(session))) == (
        message, None, True, events_before)


def test_a_user_erased_once_cannot_be_erased_again(session):
    world = _world(session)
    erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON)

    with pytest.raises(InvalidInput) as refused:
        erase_personal_data(session, actor=CLI, person=Person(user_id=world.juror.id), reason=REASON)

    assert refused.value.message() == "Personens oplysninger er allerede slettet."


def test_only_the_secretariat_erases(session):
    world = _world(session)

    with pytest.raises(NotAllowed):
        erase_personal_data(session, actor=actor_of(world.other_juror), person=Person(user_id=world.juror.id),
                            reason=REASON)


# --- Retention ------------------------------------------------------------------------------

ARCHIVED = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)
NOW = datetime(2024, 6, 2, 12, 0, tzinfo=UTC)


def _archived_world(session) -> World:
    """The world's 2020 archived on 1 June 2021; Jens and Lise deactivated; a 2024 year with a
    nomination of its own, whose juror Karen is deactivated too but took part in 2024."""
    world = _world(session)
    world.year.phase, world.year.archived_at = Phase.ARCHIVED, ARCHIVED
    world.juror.active = world.nominator.active = world.other_juror.active = False
    later = make_year(session, year=2024, phase=Phase.SCREENING)
    recent = make_nomination(session, year=later, body=make_body(session), name="Asferg",
                             status=NominationStatus.ELIGIBLE)
    make_sheet(session, round=scoring_round(session, year_id=later.id, kind=RoundKind.SCREENING),
               juror=world.other_juror, nomination=recent)
    session.flush()
    return world


def test_the_retention_preview_lists_what_would_be_anonymised_and_changes_nothing(session):
    world = _archived_world(session)
    events_before = len(_events(session))

    plan = retention_plan(session, actor=CLI, years=3, now=NOW)

    assert (plan.cutoff, [(item.kind, item.id, item.label, item.year) for item in plan.users + plan.nominations]) == (
        datetime(2021, 6, 2, 12, 0, tzinfo=UTC), [
            ("user", world.nominator.id, "Lise Lagsen (lag.randers)", 2020),
            ("user", world.juror.id, "Jens Juul (jury1)", 2020),
            ("nomination", world.lovel.id, "Løvel (2020): Bo Bertelsen", 2020),
            ("nomination", world.stenhoj.id, "Stenhøj (2020): Anne Marie Søndergaard", 2020)])
    assert (len(_events(session)), world.juror.erased_at, world.lovel.contact_erased_at) == (events_before, None, None)


def test_nothing_is_due_before_the_retention_period_has_run_out(session):
    _archived_world(session)

    plan = retention_plan(session, actor=CLI, years=3, now=datetime(2024, 6, 1, 11, 59, tzinfo=UTC))

    assert (plan.users, plan.nominations, plan.is_empty) == ((), (), True)


def test_applying_the_retention_anonymises_and_audits_and_a_second_run_changes_nothing(session):
    world = _archived_world(session)
    scores_before, means_before = _results(session, world)

    applied = apply_retention(session, actor=CLI, years=3, now=NOW)
    events_after_first = len(_events(session))
    again = apply_retention(session, actor=CLI, years=3, now=NOW)

    session.refresh(world.stenhoj)
    session.refresh(world.juror)
    scores_after, means_after = _results(session, world)
    assert (len(applied.users), len(applied.nominations), again.is_empty, len(_events(session))) == (
        2, 2, True, events_after_first)
    assert (world.juror.name, world.stenhoj.contact_email, world.other_juror.erased_at) == (
        f"Slettet bruger {world.juror.id}", "", None)
    assert [entry.new_value for entry in _events(session, action="user.erased")] == [
        '{"reason": "Opbevaringsperioden er udløbet: 3 år efter årets arkivering"}'] * 2
    assert_frame_equal(scores_after, scores_before)
    assert_frame_equal(means_after, means_before)


def test_moving_a_year_to_archived_notes_when(session):
    year = make_year(session, year=2019, phase=Phase.DECIDED)

    move_phase(session, actor=CLI, year_id=year.id, expected=Phase.DECIDED, target=Phase.ARCHIVED)

    assert year.archived_at is not None and year.archived_at <= utcnow()
