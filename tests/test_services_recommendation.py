"""The jury's recommendation: drafted by the secretariat in the final round, approved,
then locked; the year moves on to the council only with it approved and the final round closed."""

import json

import pytest
from sqlalchemy import func, select

from prize.errors import InvalidInput, NotFound, OutOfPhase, PhaseBlocked, ReasonRequired
from prize.models import AuditEntry, Recommendation, RecommendationRemark
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import rounds, years
from prize.services.recommendation import approve_recommendation, draft_recommendation, recommendation_view
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_final_year, make_nomination, make_user

RATIONALE = ("Skjød viser, hvordan en lille landsby arbejder med alle syv kriterier, især klima, biodiversitet "
             "og ressourcer.")


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _stored(session) -> list[tuple]:
    rows = session.execute(select(Recommendation.nomination_id, Recommendation.rationale,
                                  Recommendation.approved_at.is_not(None)))
    return [tuple(row) for row in rows]


def _remarks(session) -> list[tuple]:
    return [tuple(row) for row in session.execute(
        select(RecommendationRemark.nomination_id, RecommendationRemark.text)
        .order_by(RecommendationRemark.nomination_id))]


def _audit(session) -> list[tuple]:
    rows = session.execute(select(AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
                           .where(AuditEntry.entity == "recommendation").order_by(AuditEntry.id))
    return [(action, json.loads(old) if old else None, json.loads(new)) for action, old, new in rows]


def test_the_secretariat_drafts_the_recommendation_with_a_word_on_another_finalist(session, secretariat):
    year, finalists = make_final_year(session)
    skjod, lovel = finalists["Skjød"].id, finalists["Løvel"].id

    drafted = draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=skjod,
                                   rationale=RATIONALE, remarks={lovel: "Flot forsamlingshus.", finalists["Asferg"].id: " "})

    assert (drafted.candidate, drafted.approved, _stored(session), _remarks(session), _audit(session)) == (
        "Skjød", False, [(skjod, RATIONALE, False)], [(lovel, "Flot forsamlingshus.")],
        [("recommendation.drafted", None, {"candidate": "Skjød", "rationale": RATIONALE,
                                           "remarks": {"Løvel": "Flot forsamlingshus."}})])


def test_a_recommendation_for_a_candidate_who_is_not_a_finalist_is_refused_and_nothing_stored(session, secretariat):
    year, _ = make_final_year(session)
    other = make_nomination(session, year=year, body=make_body(session), name="Ulvedal",
                            status=NominationStatus.ELIGIBLE)

    with pytest.raises(InvalidInput) as refused:
        draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=other.id, rationale=RATIONALE)

    assert (refused.value.message("da", plain=True), _stored(session), _audit(session)) == (
        "«Ulvedal» er ikke finalist og kan ikke indstilles som vinder.", [], [])


@pytest.mark.parametrize(("rationale", "message"), [
    ("  ", "Feltet «Begrundelse» skal udfyldes."),
    ("x" * 6001, "Feltet «Begrundelse» må højst være 6000 tegn (du skrev 6001)."),
], ids=["empty", "too-long"])
def test_the_rationale_is_required_and_limited(session, secretariat, rationale, message):
    year, finalists = make_final_year(session)

    with pytest.raises(InvalidInput) as refused:
        draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                             rationale=rationale)

    assert (refused.value.message("da", plain=True), _stored(session)) == (message, [])


def test_a_word_on_the_recommended_finalist_itself_is_refused(session, secretariat):
    year, finalists = make_final_year(session)
    skjod = finalists["Skjød"].id

    with pytest.raises(InvalidInput) as refused:
        draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=skjod, rationale=RATIONALE,
                             remarks={skjod: "Vinderen."})

    assert (refused.value.key, _stored(session)) == ("recommendation.error.remark_not_other_finalist", [])


def test_approving_locks_the_recommendation_and_a_change_then_needs_a_reason(session, secretariat):
    year, finalists = make_final_year(session)
    skjod, lovel = finalists["Skjød"].id, finalists["Løvel"].id
    draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=skjod, rationale=RATIONALE)
    approve_recommendation(session, actor=secretariat, year_id=year.id)

    with pytest.raises(ReasonRequired) as refused:
        draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=lovel, rationale=RATIONALE)

    assert (refused.value.message("da"), _stored(session)) == (
        "Indstillingen er godkendt og låst. Skriv en begrundelse for ændringen.", [(skjod, RATIONALE, True)])


def test_a_change_after_approval_with_a_reason_is_audited_old_and_new_and_stays_approved(session, secretariat):
    year, finalists = make_final_year(session)
    skjod, lovel = finalists["Skjød"].id, finalists["Løvel"].id
    draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=skjod, rationale=RATIONALE)
    approve_recommendation(session, actor=secretariat, year_id=year.id)

    changed = draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=lovel,
                                   rationale=RATIONALE, reason="Juryen genovervejede efter et nyt møde.")

    assert (changed.candidate, changed.approved, _audit(session)[-1]) == ("Løvel", True, (
        "recommendation.changed", {"candidate": "Skjød"},
        {"candidate": "Løvel", "reason": "Juryen genovervejede efter et nyt møde."}))


def test_approving_without_a_draft_is_not_found(session, secretariat):
    year, _ = make_final_year(session)

    with pytest.raises(NotFound) as refused:
        approve_recommendation(session, actor=secretariat, year_id=year.id)

    assert refused.value.message("da") == "Der er ingen indstilling endnu. Skriv den først."


def test_the_recommendation_is_not_drafted_before_the_final_round(session, secretariat):
    year, finalists = make_final_year(session, phase=Phase.SHORTLIST)

    with pytest.raises(OutOfPhase):
        draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                             rationale=RATIONALE)

    assert _stored(session) == []


def test_the_view_offers_approval_of_a_draft_and_not_of_an_approved_one(session, secretariat):
    year, finalists = make_final_year(session)
    draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                         rationale=RATIONALE)
    before = recommendation_view(session, actor=secretariat, year=YearInfo.of(year))
    approve_recommendation(session, actor=secretariat, year_id=year.id)

    after = recommendation_view(session, actor=secretariat, year=YearInfo.of(year))

    assert (before.approve_refusal, after.approve_refusal.key, after.draft_refusal, after.finalists) == (
        None, "recommendation.error.already_approved", None,
        ((finalists["Løvel"].id, "Løvel"), (finalists["Skjød"].id, "Skjød"), (finalists["Asferg"].id, "Asferg")))


# --- Moving the year to "recommendation" ------------------------------------------------------

def _move(session, secretariat, year):
    return years.move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.FINAL_ROUND,
                            target=Phase.RECOMMENDATION)


def test_the_year_moves_to_recommendation_only_with_the_final_round_closed_and_the_recommendation_approved(
        session, secretariat):
    year, _ = make_final_year(session)

    with pytest.raises(PhaseBlocked) as refused:
        _move(session, secretariat, year)

    assert (refused.value.message("da"), session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "year.phase_moved"))) == (
        "Året kan ikke flyttes til «Indstilling til Regionsrådet»: Finalerunden er stadig åben. Luk den under "
        "«Juryens arbejde», før indstillingen sendes videre. Juryens indstilling er ikke godkendt. Skriv og godkend "
        "den under «Indstilling».", 0)


def test_with_the_final_round_closed_and_the_recommendation_approved_the_year_moves_on(session, secretariat):
    year, finalists = make_final_year(session)
    draft_recommendation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                         rationale=RATIONALE)
    approve_recommendation(session, actor=secretariat, year_id=year.id)
    rounds.close_round(session, actor=secretariat, year_id=year.id)

    moved = _move(session, secretariat, year)

    assert (moved.phase, scoring_round(session, year_id=year.id, kind=RoundKind.FINAL).closed_at is not None) == (
        Phase.RECOMMENDATION, True)
