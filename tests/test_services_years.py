import dataclasses

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import session_scope
from prize.errors import InvalidInput, NotAllowed, NotFound, PhaseBlocked, PhaseMoveRefused
from prize.models import AuditEntry, Criterion, PrizeYear, ScoringRound
from prize.models.base import utcnow
from prize.models.round import RoundKind
from prize.phases import NominationStatus, Phase
from prize.queries.users import user_by_username
from prize.queries.years import YearFacts, current_year, scoring_round, year_by_number
from prize.roles import Role
from prize.services import users, years
from prize.services.years import PhaseMove
from tests.factories import (
    CRITERIA_TITLES, actor_of, make_body, make_conflict, make_finalist, make_nomination, make_user, make_year)

ANCHORS = [
    (1, "Ikke belyst i materialet"),
    (2, "Svagt – få eller spredte tiltag"),
    (3, "Tilfredsstillende – tydelige tiltag"),
    (4, "Stærkt – gennemtænkt og med synlige resultater"),
    (5, "Fremragende og til inspiration for andre"),
]


@pytest.fixture
def secretariat(session) -> Actor:
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _ready_for_screening(session) -> PrizeYear:
    """A year with nominations closed, one eligible candidate and one juror."""
    year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)
    make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)
    make_user(session, role=Role.JUROR)
    return year


def _phase_audit(session, year: PrizeYear) -> list[tuple]:
    return session.execute(
        select(AuditEntry.actor_label, AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.action == "year.phase_moved", AuditEntry.entity_id == year.id)
        .order_by(AuditEntry.id)).all()


def _criteria_of(session, year: PrizeYear) -> list[Criterion]:
    return session.scalars(select(Criterion).where(Criterion.year_id == year.id).order_by(Criterion.position)).all()


def _rounds(session, year: PrizeYear) -> list[ScoringRound]:
    return session.scalars(select(ScoringRound).where(ScoringRound.year_id == year.id)).all()


# --- move_phase ---------------------------------------------------------------------------

def test_the_secretariat_opens_nominations_and_the_move_is_audited(session, secretariat):
    year = make_year(session, phase=Phase.DRAFT)

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.NOMINATIONS_OPEN)

    assert (year.phase, _phase_audit(session, year)) == (
        Phase.NOMINATIONS_OPEN, [("Mette Kjær Lauridsen (sekretariat)", "draft", "nominations_open")])


def test_a_phase_may_be_given_as_its_value(session, secretariat):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target="nominations_closed")

    assert year.phase == Phase.NOMINATIONS_CLOSED


def test_skipping_a_phase_is_refused_with_the_allowed_step(session, secretariat):
    year = make_year(session, phase=Phase.DRAFT)

    with pytest.raises(PhaseMoveRefused) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    assert (refused.value.message("da"), year.phase, _phase_audit(session, year)) == (
        "Året kan ikke flyttes fra «Kladde» til «Første bedømmelsesrunde». "
        "Næste tilladte skridt er: «Indstilling åben».", Phase.DRAFT, [])


def test_a_refused_move_lists_both_the_forward_step_and_the_reopening(session, secretariat):
    year = make_year(session, phase=Phase.SHORTLIST)

    with pytest.raises(PhaseMoveRefused) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.DECIDED)

    assert refused.value.message("da") == (
        "Året kan ikke flyttes fra «Udvælgelse af finalister» til «Afgjort». "
        "Næste tilladte skridt er: «Finalerunde», «Første bedømmelsesrunde».")


def test_an_archived_year_has_no_allowed_step(session, secretariat):
    year = make_year(session, phase=Phase.ARCHIVED)

    with pytest.raises(PhaseMoveRefused) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.DECIDED)

    assert refused.value.message("da") == (
        "Året kan ikke flyttes fra «Arkiveret» til «Afgjort». Næste tilladte skridt er: -.")


def test_a_refused_move_reads_in_english_for_a_danish_user_who_chose_english(session, secretariat):
    year = make_year(session, phase=Phase.SHORTLIST)

    with pytest.raises(PhaseMoveRefused) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.DECIDED)

    assert refused.value.message("en") == (
        "The year cannot move from “Shortlisting” to “Decided”. Allowed next steps: “Final round”, “Screening round”.")


def test_a_blocked_move_reads_in_english_for_a_danish_user_who_chose_english(session, secretariat):
    year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)

    with pytest.raises(PhaseBlocked) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    assert refused.value.message("en") == (
        "The year cannot move to “Screening round”: There are no eligible nominations. There are no active jurors.")


def test_screening_cannot_start_without_jurors(session, secretariat):
    year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)
    make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)

    with pytest.raises(PhaseBlocked) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    assert (refused.value.message("da"), year.phase, _rounds(session, year)) == (
        "Året kan ikke flyttes til «Første bedømmelsesrunde»: Der er ingen aktive jurymedlemmer.",
        Phase.NOMINATIONS_CLOSED, [])


def test_screening_without_candidates_and_jurors_names_both_reasons(session, secretariat):
    year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)
    make_nomination(session, year=year, body=make_body(session), status=NominationStatus.DRAFT)
    make_user(session, role=Role.JUROR, active=False)

    with pytest.raises(PhaseBlocked) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    assert refused.value.message("da") == (
        "Året kan ikke flyttes til «Første bedømmelsesrunde»: "
        "Der er ingen godkendte indstillinger. Der er ingen aktive jurymedlemmer.")


def test_the_final_round_cannot_start_without_finalists(session, secretariat):
    year = make_year(session, phase=Phase.SHORTLIST)

    with pytest.raises(PhaseBlocked) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.FINAL_ROUND)

    assert refused.value.message("da") == "Året kan ikke flyttes til «Finalerunde»: Der er ikke udpeget finalister."


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_only_the_secretariat_moves_the_year(session, role):
    year = make_year(session, phase=Phase.DRAFT)
    actor = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed):
        years.move_phase(session, actor=actor, year_id=year.id, expected=year.phase, target=Phase.NOMINATIONS_OPEN)

    assert year.phase == Phase.DRAFT


def test_moving_an_unknown_year_is_not_found(session, secretariat):
    with pytest.raises(NotFound) as refused:
        years.move_phase(session, actor=secretariat, year_id=4711, expected=Phase.DRAFT, target=Phase.NOMINATIONS_OPEN)

    assert refused.value.message("da") == "Det, du leder efter, findes ikke."


def test_entering_screening_opens_the_screening_round(session, secretariat):
    year = _ready_for_screening(session)
    before = utcnow()

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    assert (before <= screening.opened_at <= utcnow(), screening.closed_at) == (True, None)


def test_leaving_screening_closes_the_screening_round(session, secretariat):
    year = _ready_for_screening(session)
    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)
    before = utcnow()

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SHORTLIST,
                     confirm_missing=1)

    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    assert before <= screening.closed_at <= utcnow()


def test_reopening_screening_reopens_the_same_round(session, secretariat):
    year = _ready_for_screening(session)
    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)
    opened_at = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING).opened_at
    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SHORTLIST,
                     confirm_missing=1)

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SCREENING)

    assert [(r.kind, r.opened_at, r.closed_at) for r in _rounds(session, year)] == [
        (RoundKind.SCREENING, opened_at, None)]


def test_entering_the_final_round_opens_it_and_leaves_screening_closed(session, secretariat):
    year = make_year(session, phase=Phase.SHORTLIST)
    make_finalist(session, nomination=make_nomination(session, year=year, body=make_body(session)))

    years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.FINAL_ROUND)

    rounds = {r.kind: r.closed_at is None for r in _rounds(session, year)}
    assert rounds == {RoundKind.SCREENING: False, RoundKind.FINAL: True}


def test_the_year_walks_from_draft_to_the_shortlist_with_every_step_audited(session, secretariat):
    year = make_year(session, phase=Phase.DRAFT)
    make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)
    make_user(session, role=Role.JUROR)

    for target in (Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED, Phase.SCREENING, Phase.SHORTLIST):
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=target,
                         confirm_missing=1 if target == Phase.SHORTLIST else None)

    assert [(old, new) for _, old, new in _phase_audit(session, year)] == [
        ("draft", "nominations_open"), ("nominations_open", "nominations_closed"),
        ("nominations_closed", "screening"), ("screening", "shortlist")]


# --- move_blockers (pure) -----------------------------------------------------------------

def _facts(**counts: int) -> YearFacts:
    """A year's counts: zero unless given."""
    return YearFacts(**({name: 0 for name in YearFacts.__dataclass_fields__} | counts))


@pytest.mark.parametrize(("target", "facts", "blockers"), [
    (Phase.NOMINATIONS_OPEN, _facts(criteria=0), ["years.blocker.no_criteria"]),
    (Phase.NOMINATIONS_OPEN, _facts(criteria=7), []),
    (Phase.SCREENING, _facts(candidates=0, jurors=0), ["years.blocker.no_candidates", "years.blocker.no_jurors"]),
    (Phase.SCREENING, _facts(candidates=13, jurors=5), []),
    (Phase.FINAL_ROUND, _facts(finalists=0), ["years.blocker.no_finalists"]),
    (Phase.DECIDED, _facts(), ["years.blocker.no_decision"]),
    (Phase.SHORTLIST, _facts(), []),
    (Phase.ARCHIVED, _facts(), []),
], ids=lambda value: value.value if isinstance(value, Phase) else None)
def test_a_move_is_blocked_until_the_year_has_what_the_phase_needs(target, facts, blockers):
    assert years.move_blockers(target, facts) == blockers


# --- create_year --------------------------------------------------------------------------

def test_a_new_year_starts_in_draft_with_the_seven_criteria_of_the_template(session, secretariat):
    year = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")

    criteria = _criteria_of(session, year)
    assert (year.phase, [(c.position, c.title_da, c.scale_min, c.scale_max, c.weight) for c in criteria]) == (
        Phase.DRAFT, [(position, title, 1, 5, 1.0) for position, title in enumerate(CRITERIA_TITLES, 1)])


def test_each_criterion_of_a_new_year_has_five_anchor_texts(session, secretariat):
    year = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")

    assert [[(a.value, a.text_da) for a in c.anchors] for c in _criteria_of(session, year)] == [ANCHORS] * 7


def test_creating_a_year_is_audited(session, secretariat):
    year = years.create_year(session, actor=secretariat, year=2021, title="  Landsbyprisen 2021 ")

    entry = session.execute(select(AuditEntry.actor_label, AuditEntry.action, AuditEntry.new_value)
                            .where(AuditEntry.entity == "prize_year", AuditEntry.entity_id == year.id)).one()
    assert tuple(entry) == ("Mette Kjær Lauridsen (sekretariat)", "year.created",
                            ('{"criteria_from": "template", "finalist_count": 5, "prize_amount": 150000, '
                             '"ranking_method": "weighted_mean", "title": "Landsbyprisen 2021", "year": 2021}'))


def test_a_year_that_exists_cannot_be_created_again(session, secretariat):
    make_year(session, year=2020)

    with pytest.raises(InvalidInput) as refused:
        years.create_year(session, actor=secretariat, year=2020, title="Igen")

    assert (refused.value.message("da"), session.scalar(select(func.count()).select_from(PrizeYear))) == (
        "Prisåret 2020 findes allerede.", 1)


@pytest.mark.parametrize(("changes"), [{"year": 1999}, {"prize_amount": -1}, {"finalist_count": 0}],
                         ids=["year-1999", "negative-amount", "no-finalists"])
def test_a_year_with_impossible_numbers_is_refused(session, secretariat, changes):
    arguments = {"year": 2021, "title": "Landsbyprisen 2021"} | changes

    with pytest.raises(InvalidInput) as refused:
        years.create_year(session, actor=secretariat, **arguments)

    assert (refused.value.message("da"), session.scalar(select(func.count()).select_from(PrizeYear))) == (
        "Ugyldigt input.", 0)


def test_a_year_needs_a_title(session, secretariat):
    with pytest.raises(InvalidInput) as refused:
        years.create_year(session, actor=secretariat, year=2021, title=" ")

    assert refused.value.message("da") == "Feltet «Titel» skal udfyldes."


def test_a_juror_may_not_create_a_year(session):
    juror = actor_of(make_user(session, role=Role.JUROR))

    with pytest.raises(NotAllowed):
        years.create_year(session, actor=juror, year=2021, title="Landsbyprisen 2021")

    assert year_by_number(session, 2021) is None


# --- current year -------------------------------------------------------------------------

def test_without_any_year_the_current_year_is_not_found(session):
    with pytest.raises(NotFound) as refused:
        years.require_current_year(session)

    assert refused.value.message("da") == "Der er endnu ikke oprettet et prisår."


def test_the_current_year_is_the_newest_that_is_not_archived(session):
    make_year(session, year=2019, phase=Phase.DECIDED)
    make_year(session, year=2021, phase=Phase.ARCHIVED)

    assert years.require_current_year(session).year == 2019


def test_when_every_year_is_archived_the_newest_is_current(session):
    make_year(session, year=2019, phase=Phase.ARCHIVED)
    make_year(session, year=2020, phase=Phase.ARCHIVED)

    assert current_year(session).year == 2020


# --- year_overview ------------------------------------------------------------------------

def _demo_overview(engine) -> years.YearOverview:
    with Session(engine) as session:
        secretariat = actor_of(user_by_username(session, "sekretariat"))
        return years.year_overview(session, actor=secretariat, year_id=year_by_number(session, 2020).id)


def test_the_demo_years_overview_counts_candidates_jurors_conflicts_and_criteria(demo_engine):
    overview = _demo_overview(demo_engine)

    assert overview.facts == YearFacts(criteria=7, candidates=13, jurors=5, conflicts=2, finalist_conflicts=0,
                                       finalists=0, decisions=0)


def test_the_demo_years_overview_counts_21_submitted_screening_sheets(demo_engine):
    # jury1 submitted 12, jury2 6, jury3 3 (a fourth is half done); jury4 and jury5 none.
    overview = _demo_overview(demo_engine)

    assert (overview.submitted_sheets, overview.expected_sheets) == ({RoundKind.SCREENING: 21}, 5 * 13 - 2)


def test_the_demo_years_overview_counts_nominations_by_status(demo_engine):
    overview = _demo_overview(demo_engine)

    assert overview.status_counts == {NominationStatus.ELIGIBLE: 13}


def test_the_demo_years_overview_offers_the_shortlist_as_next_step_naming_the_missing_sheets(demo_engine):
    overview = _demo_overview(demo_engine)

    assert overview.moves == [PhaseMove(target=Phase.SHORTLIST, forward=True, blockers=[], missing=42, needed=63)]


def test_the_overview_shows_blocked_moves_with_their_reasons(session, secretariat):
    year = make_year(session, phase=Phase.SHORTLIST)

    overview = years.year_overview(session, actor=secretariat, year_id=year.id)

    assert overview.moves == [
        PhaseMove(target=Phase.FINAL_ROUND, forward=True, blockers=["years.blocker.no_finalists"]),
        PhaseMove(target=Phase.SCREENING, forward=False,
                  blockers=["years.blocker.no_candidates", "years.blocker.no_jurors"])]


def test_a_juror_may_not_see_the_year_overview(session):
    year = make_year(session)
    juror = actor_of(make_user(session, role=Role.JUROR))

    with pytest.raises(NotAllowed):
        years.year_overview(session, actor=juror, year_id=year.id)


def test_the_final_round_expects_a_sheet_per_juror_and_finalist_less_conflicts_with_finalists(session, secretariat):
    year = make_year(session, phase=Phase.FINAL_ROUND)
    body = make_body(session)
    finalist = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark", status=NominationStatus.ELIGIBLE)
    other = make_nomination(session, year=year, body=body, name="Lindådalens landsbyklynge", status=NominationStatus.ELIGIBLE)
    make_finalist(session, nomination=finalist)
    first, second = make_user(session, role=Role.JUROR), make_user(session, role=Role.JUROR)
    make_conflict(session, juror=first, nomination=other)
    make_conflict(session, juror=second, nomination=finalist)

    overview = years.year_overview(session, actor=secretariat, year_id=year.id)

    assert overview.expected_sheets == 2 * 1 - 1


def test_conflicts_of_a_deactivated_juror_neither_count_nor_reduce_the_expected_sheets(session, secretariat):
    year = make_year(session, phase=Phase.SCREENING)
    body = make_body(session)
    nominations = [make_nomination(session, year=year, body=body, name=name, status=NominationStatus.ELIGIBLE)
                   for name in ("Bakkekær", "Ulvedal")]
    active = make_user(session, role=Role.JUROR)
    gone = make_user(session, role=Role.JUROR)
    make_conflict(session, juror=active, nomination=nominations[0])
    make_conflict(session, juror=gone, nomination=nominations[1])
    users.set_active(session, actor=secretariat, user_id=gone.id, active=False)

    overview = years.year_overview(session, actor=secretariat, year_id=year.id)

    assert (overview.facts.jurors, overview.facts.conflicts, overview.expected_sheets) == (1, 1, 1 * 2 - 1)


def test_the_current_year_is_a_frozen_value_that_outlives_its_session(engine):
    with session_scope(engine) as session:
        make_year(session, year=2020, phase=Phase.SHORTLIST, title="Landsbyprisen 2020")
    with session_scope(engine) as session:
        year = years.current_year(session)

    with pytest.raises(dataclasses.FrozenInstanceError):
        year.title = "Ændret"
    assert (type(year), year.year, year.title, year.phase, year.round_shown) == (
        years.YearInfo, 2020, "Landsbyprisen 2020", Phase.SHORTLIST, RoundKind.SCREENING)
