"""The regional council's decision: recorded once, after the approved recommendation went
to the council, for a finalist; the year becomes decided."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from prize.errors import DecisionExists, InvalidInput, NotSentToCouncil, RecommendationNotApproved
from prize.models import AuditEntry, CouncilDecision, PrizeYear
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.decision import decision_view, record_decision
from prize.services.recommendation import approve_recommendation, draft_recommendation
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_final_year, make_nomination, make_user

MEETING = date(2023, 3, 22)


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _sent_year(session, secretariat, *, approve: bool = True, phase: Phase = Phase.RECOMMENDATION):
    """A year whose recommendation of Skjød is drafted (and approved), put in ``phase``."""
    year, finalists = make_final_year(session)
    draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                         rationale="Skjød opfylder kriterierne bedst.")
    if approve:
        approve_recommendation(session, actor=secretariat, year_id=year.id)
    year.phase = phase
    session.flush()
    return year, finalists


def _decisions(session) -> list[tuple]:
    return [tuple(row) for row in session.execute(
        select(CouncilDecision.winner_nomination_id, CouncilDecision.decided_on, CouncilDecision.prize_amount,
               CouncilDecision.note))]


def _record(session, secretariat, year, winner, **changes):
    arguments = {"decided_on": MEETING, "prize_amount": 150_000, "note": ""} | changes
    return record_decision(session, actor=secretariat, year_id=year.id, winner_id=winner, **arguments)


def test_the_recommended_winner_is_recorded_the_year_is_decided_and_both_are_audited(session, secretariat):
    year, finalists = _sent_year(session, secretariat)
    skjod = finalists["Skjød"].id

    decided = _record(session, secretariat, year, skjod)

    audit = session.execute(select(AuditEntry.action, AuditEntry.new_value).where(
        AuditEntry.action.in_(["decision.recorded", "year.phase_moved"])).order_by(AuditEntry.id)).all()
    assert (decided.winner, decided.recommended, _decisions(session), session.get(PrizeYear, year.id).phase,
            [(action, json.loads(new) if action == "decision.recorded" else new) for action, new in audit]) == (
        "Skjød", True, [(skjod, MEETING, 150_000, "")], Phase.DECIDED,
        [("decision.recorded", {"winner": "Skjød", "recommended": True, "decided_on": "2023-03-22",
                                "prize_amount": 150_000, "note": ""}),
         ("year.phase_moved", "decided")])


def test_another_winner_than_the_recommended_one_needs_a_note(session, secretariat):
    year, finalists = _sent_year(session, secretariat)

    with pytest.raises(InvalidInput) as refused:
        _record(session, secretariat, year, finalists["Løvel"].id)

    assert (refused.value.message("da", plain=True), _decisions(session)) == (
        "Rådet har valgt Løvel, men juryen indstillede Skjød. Skriv en note om rådets valg.", [])


def test_another_winner_with_a_note_is_recorded_as_not_the_recommended_one(session, secretariat):
    year, finalists = _sent_year(session, secretariat)

    decided = _record(session, secretariat, year, finalists["Løvel"].id, note="Rådet lagde vægt på fællesskabet.")

    assert (decided.winner, decided.recommended, decided.note) == ("Løvel", False, "Rådet lagde vægt på fællesskabet.")


def test_a_decision_before_the_recommendation_is_approved_is_refused_and_nothing_stored(session, secretariat):
    year, finalists = _sent_year(session, secretariat, approve=False, phase=Phase.FINAL_ROUND)

    with pytest.raises(RecommendationNotApproved) as refused:
        _record(session, secretariat, year, finalists["Skjød"].id)

    assert (refused.value.message("da"), _decisions(session), session.get(PrizeYear, year.id).phase) == (
        "Juryens indstilling er ikke godkendt. Rådets beslutning kan først registreres, når indstillingen er godkendt "
        "og sendt til Regionsrådet.", [], Phase.FINAL_ROUND)


def test_a_decision_before_the_approved_recommendation_went_to_the_council_is_refused(session, secretariat):
    year, finalists = _sent_year(session, secretariat, phase=Phase.FINAL_ROUND)

    with pytest.raises(NotSentToCouncil):
        _record(session, secretariat, year, finalists["Skjød"].id)

    assert _decisions(session) == []


def test_a_second_decision_for_the_same_year_is_refused_and_the_first_stays(session, secretariat):
    year, finalists = _sent_year(session, secretariat)
    skjod = finalists["Skjød"].id
    _record(session, secretariat, year, skjod)

    with pytest.raises(DecisionExists) as refused:
        _record(session, secretariat, year, finalists["Løvel"].id, note="Et nyt valg.")

    assert (refused.value.message("da"), _decisions(session)) == (
        "Regionsrådets beslutning for dette år er allerede registreret. Et år har kun én beslutning.",
        [(skjod, MEETING, 150_000, "")])


def test_a_winner_who_is_not_a_finalist_is_refused_and_nothing_stored(session, secretariat):
    year, _ = _sent_year(session, secretariat)
    other = make_nomination(session, year=year, body=make_body(session), name="Ulvedal",
                            status=NominationStatus.ELIGIBLE)

    with pytest.raises(InvalidInput) as refused:
        _record(session, secretariat, year, other.id, note="Rådet ville noget andet.")

    assert (refused.value.message("da", plain=True), _decisions(session), session.get(PrizeYear, year.id).phase) == (
        "«Ulvedal» er ikke finalist og kan ikke vinde prisen.", [], Phase.RECOMMENDATION)


@pytest.mark.parametrize(("changes", "key"), [
    ({"prize_amount": 0}, "decision.error.amount"),
    ({"prize_amount": 10_000_001}, "decision.error.amount"),
    ({"decided_on": date(2030, 1, 1)}, "decision.error.date"),
    ({"decided_on": None}, "errors.field_required"),
], ids=["no-amount", "huge-amount", "far-date", "no-date"])
def test_an_impossible_amount_or_date_is_refused(session, secretariat, changes, key):
    year, finalists = _sent_year(session, secretariat)

    with pytest.raises(InvalidInput) as refused:
        _record(session, secretariat, year, finalists["Skjød"].id, **changes)

    assert (refused.value.key, _decisions(session)) == (key, [])


def test_the_view_says_why_no_decision_can_be_recorded_yet(session, secretariat):
    year, _ = _sent_year(session, secretariat, approve=False, phase=Phase.FINAL_ROUND)

    view = decision_view(session, actor=secretariat, year=YearInfo.of(year))

    assert (view.decision, type(view.refusal), view.recommendation.candidate) == (
        None, RecommendationNotApproved, "Skjød")
