"""The shortlist: the proposal from the screening round, its confirmation as proposed or
changed with a justification, a tie at the cut, the phase move that opens the final round
for the finalists only, and what nominators then see."""

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import select

from prize.errors import NotAllowed, OutOfPhase, RoundStillOpen, ShortlistRefused
from prize.models import AuditEntry, Finalist, PrizeYear, Shortlist
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import nominations, shortlist
from prize.services.progress import progress_matrix
from prize.services.years import YearInfo
from prize.robustness import Cut
from prize.shortlist import Standing
from tests.factories import actor_of, make_body, make_nomination, make_sheet, make_user, make_year

# Every juror gives a candidate the same score on all seven criteria (weights 1), so the
# candidate's total, mean and median are that score.
CLEAN = {"Løvel": 5, "Skjød": 4, "Asferg": 3, "Ramme": 2, "Lomborg": 1}
TIE = {"Løvel": 5, "Skjød": 4, "Asferg": 3, "Ramme": 3, "Lomborg": 1}


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _year(session, scores: dict[str, int], *, phase=Phase.SHORTLIST, seats=3, jurors=2):
    """A year in ``phase`` with the screening round behind it, the candidates of ``scores``
    (all eligible, of LAG Randers-Favrskov), one ineligible nomination (Hald) and
    ``jurors`` jurors who submitted a sheet for every candidate; the ids by name."""
    year = make_year(session, phase=phase, finalist_count=seats)
    body = make_body(session)
    candidates = {name: make_nomination(session, year=year, body=body, name=name, status=NominationStatus.ELIGIBLE)
                  for name in scores}
    hald = make_nomination(session, year=year, body=body, name="Hald", status=NominationStatus.INELIGIBLE)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    for number in range(jurors):
        juror = make_user(session, role=Role.JUROR, username=f"jury{number}", name=f"Jurymedlem {number}")
        for name, value in scores.items():
            make_sheet(session, round=screening, juror=juror, nomination=candidates[name], values=(value,) * 7)
    return YearInfo.of(year), {name: nomination.id for name, nomination in candidates.items()} | {"Hald": hald.id}


def _ids(ids: dict[str, int], *names: str) -> list[int]:
    return [ids[name] for name in names]


def _audit(session, action: str) -> list[tuple]:
    return session.execute(select(AuditEntry.actor_label, AuditEntry.old_value, AuditEntry.new_value)
                           .where(AuditEntry.action == action).order_by(AuditEntry.id)).tuples().all()


def _phase(session, year: YearInfo) -> Phase:
    session.expire_all()
    return Phase(session.get(PrizeYear, year.id).phase)


# --- The proposal ---------------------------------------------------------------------------

def test_the_proposal_is_the_top_n_of_the_screening_round_by_the_years_method(session, secretariat):
    year, ids = _year(session, CLEAN)

    proposal = shortlist.propose_shortlist(session, actor=secretariat, year=year)

    assert (proposal.method, proposal.cut) == ("weighted_mean", Cut(members=tuple(_ids(
        ids, "Løvel", "Skjød", "Asferg")), size=3))
    assert_frame_equal(proposal.rows, pd.DataFrame({
        "position": [1, 2, 3], "nomination_id": _ids(ids, "Løvel", "Skjød", "Asferg"),
        "candidate": ["Løvel", "Skjød", "Asferg"], "rank": [1, 2, 3], "score": [5.0, 4.0, 3.0],
        "tied": [False, False, False]}))


def test_a_tie_at_the_cut_names_every_tied_candidate(session, secretariat):
    year, ids = _year(session, TIE)

    proposal = shortlist.propose_shortlist(session, actor=secretariat, year=year)

    assert (proposal.clear, proposal.tied, proposal.open_seats, list(proposal.rows["candidate"]),
            list(proposal.rows["tied"]), proposal.tie_rank) == (
        tuple(_ids(ids, "Løvel", "Skjød")), tuple(_ids(ids, "Asferg", "Ramme")), 1,
        ["Løvel", "Skjød", "Asferg", "Ramme"], [False, False, True, True], 3)


# --- Confirming -----------------------------------------------------------------------------

def test_confirming_as_proposed_marks_the_finalists_moves_the_year_and_is_audited(session, secretariat):
    year, ids = _year(session, CLEAN)

    confirmed = shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                            finalists=_ids(ids, "Asferg", "Løvel", "Skjød"))

    assert (confirmed.names, confirmed.changed, confirmed.tie_resolved, confirmed.justification,
            confirmed.confirmed_by, confirmed.phase, confirmed.published_at == confirmed.confirmed_at) == (
        ["Løvel", "Skjød", "Asferg"], False, False, "", "Mette Kjær Lauridsen", Phase.FINAL_ROUND, True)
    assert session.execute(select(Finalist.position, Finalist.nomination_id)
                           .order_by(Finalist.position)).tuples().all() == list(enumerate(
        _ids(ids, "Løvel", "Skjød", "Asferg"), 1))
    assert _audit(session, "shortlist.confirmed") == [(
        "Mette Kjær Lauridsen (sekretariat)",
        '{"method": "weighted_mean", "proposed": ["Løvel", "Skjød", "Asferg"], "tied": []}',
        '{"changed": false, "finalists": ["Løvel", "Skjød", "Asferg"], "justification": "", '
        '"tie_resolved": false}')]
    assert _audit(session, "year.phase_moved")[-1][1:] == ("shortlist", "final_round")


def test_a_changed_list_without_a_justification_is_refused_and_nothing_is_stored(session, secretariat):
    year, ids = _year(session, CLEAN)

    with pytest.raises(ShortlistRefused) as refused:
        shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                    finalists=_ids(ids, "Løvel", "Skjød", "Ramme"), justification="  ")

    assert refused.value.message("da") == "Listen afviger fra forslaget. Skriv en begrundelse for ændringen."
    assert (session.scalars(select(Finalist)).all(), session.scalars(select(Shortlist)).all(),
            _phase(session, year)) == ([], [], Phase.SHORTLIST)


def test_a_changed_list_with_a_justification_is_confirmed_and_the_reason_kept(session, secretariat):
    year, ids = _year(session, CLEAN)
    reason = "Ramme har det stærkeste klimaprojekt, som juryen vil se nærmere på i finalen."

    confirmed = shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                            finalists=_ids(ids, "Ramme", "Løvel", "Skjød"), justification=reason)

    assert (confirmed.names, confirmed.changed, confirmed.tie_resolved, confirmed.justification) == (
        ["Løvel", "Skjød", "Ramme"], True, False, reason)
    assert list(confirmed.proposal["candidate"]) == ["Løvel", "Skjød", "Asferg"]


def test_a_tie_at_the_cut_needs_a_person_to_decide_with_a_reason(session, secretariat):
    year, ids = _year(session, TIE)

    with pytest.raises(ShortlistRefused) as refused:
        shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                    finalists=_ids(ids, "Løvel", "Skjød", "Ramme"))

    assert refused.value.message("da") == (
        "Der er stemmelighed ved skillelinjen. Skriv en begrundelse for, hvem der går videre.")


def test_a_tie_decided_with_a_reason_is_a_resolved_tie_and_no_change(session, secretariat):
    year, ids = _year(session, TIE)

    confirmed = shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                            finalists=_ids(ids, "Løvel", "Skjød", "Ramme"),
                                            justification="Juryen pegede på Ramme ved mødet 14. februar.")

    assert (confirmed.names, confirmed.changed, confirmed.tie_resolved, list(confirmed.proposal["tied"])) == (
        ["Løvel", "Skjød", "Ramme"], False, True, [False, False, True, True])


@pytest.mark.parametrize(("names", "message"), [
    (("Løvel", "Skjød"), "Der skal vælges præcis 3 finalister; der er valgt 2."),
    (("Løvel", "Skjød", "Hald"), "«Hald» deltager ikke i konkurrencen og kan ikke blive finalist."),
    (("Løvel", "Skjød", "Løvel"), "«Løvel» er valgt mere end én gang."),
], ids=["too-few", "ineligible", "twice"])
def test_a_wrong_list_is_refused_in_danish(session, secretariat, names, message):
    year, ids = _year(session, CLEAN)

    with pytest.raises(ShortlistRefused) as refused:
        shortlist.confirm_shortlist(session, actor=secretariat, year=year, finalists=_ids(ids, *names),
                                    justification="Begrundet.")

    assert refused.value.message("da") == message


def test_an_unknown_candidate_is_refused(session, secretariat):
    year, ids = _year(session, CLEAN)

    with pytest.raises(ShortlistRefused) as refused:
        shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                    finalists=[*_ids(ids, "Løvel", "Skjød"), 9999], justification="Begrundet.")

    assert refused.value.message("da") == "Kandidat nr. 9999 findes ikke i året."


def test_the_shortlist_is_not_confirmed_in_the_screening_phase(session, secretariat):
    year, ids = _year(session, CLEAN, phase=Phase.SCREENING)

    with pytest.raises(OutOfPhase) as refused:
        shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                    finalists=_ids(ids, "Løvel", "Skjød", "Asferg"))

    assert refused.value.message("da") == (
        "Det kan ikke lade sig gøre, mens året er i fasen «Første bedømmelsesrunde».")


def test_the_shortlist_is_not_confirmed_while_the_screening_round_is_open(session, secretariat):
    year, ids = _year(session, CLEAN)
    scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING).closed_at = None
    session.flush()

    with pytest.raises(RoundStillOpen):
        shortlist.confirm_shortlist(session, actor=secretariat, year=year,
                                    finalists=_ids(ids, "Løvel", "Skjød", "Asferg"))

    assert _phase(session, year) == Phase.SHORTLIST


def test_a_juror_may_not_confirm_the_shortlist(session):
    year, ids = _year(session, CLEAN)
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury9"))

    with pytest.raises(NotAllowed):
        shortlist.confirm_shortlist(session, actor=juror, year=year, finalists=_ids(ids, "Løvel", "Skjød", "Asferg"))


# --- After confirming -----------------------------------------------------------------------

def test_the_final_round_is_open_and_covers_only_the_finalists(session, secretariat):
    year, ids = _year(session, CLEAN)

    shortlist.confirm_shortlist(session, actor=secretariat, year=year, finalists=_ids(ids, "Løvel", "Skjød", "Asferg"))

    final = scoring_round(session, year_id=year.id, kind=RoundKind.FINAL)
    matrix = progress_matrix(session, year=year, kind=RoundKind.FINAL)
    assert (final.opened_at is not None, final.closed_at, sorted(matrix.candidates)) == (
        True, None, ["Asferg", "Løvel", "Skjød"])


def test_a_nominator_sees_finalist_or_not_advanced_only_once_the_shortlist_is_published(session, secretariat):
    year, ids = _year(session, CLEAN)
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, username="lag.randers", body=make_body(session)))
    before = nominations.own_nominations(session, actor=nominator, year_id=year.id)

    shortlist.confirm_shortlist(session, actor=secretariat, year=year, finalists=_ids(ids, "Løvel", "Skjød", "Asferg"))

    after = nominations.own_nominations(session, actor=nominator, year_id=year.id)
    assert dict(zip(before["name"], before["standing"], strict=True)) == {
        name: None for name in ["Asferg", "Hald", "Lomborg", "Løvel", "Ramme", "Skjød"]}
    assert dict(zip(after["name"], after["standing"], strict=True)) == {
        "Asferg": Standing.FINALIST, "Hald": None, "Lomborg": Standing.NOT_ADVANCED, "Løvel": Standing.FINALIST,
        "Ramme": Standing.NOT_ADVANCED, "Skjød": Standing.FINALIST}
    assert list(after.columns).count("score") == 0


# --- The year's method and number of finalists ----------------------------------------------

def test_the_years_method_and_number_of_finalists_change_the_proposal_and_are_audited(session, secretariat):
    year, ids = _year(session, CLEAN)

    changed = shortlist.set_shortlist_rule(session, actor=secretariat, year_id=year.id, method="median",
                                           finalist_count=2)

    proposal = shortlist.propose_shortlist(session, actor=secretariat, year=changed)
    assert (changed.ranking_method, changed.finalist_count, proposal.cut) == (
        "median", 2, Cut(members=tuple(_ids(ids, "Løvel", "Skjød")), size=2))
    assert _audit(session, "year.shortlist_rule_set") == [(
        "Mette Kjær Lauridsen (sekretariat)", '{"finalist_count": 3, "ranking_method": "weighted_mean"}',
        '{"finalist_count": 2, "ranking_method": "median"}')]


@pytest.mark.parametrize(("method", "count", "message"), [
    ("lodtrækning", 5, "«lodtrækning» er ikke en kendt metode til at rangere kandidaterne."),
    ("median", 0, "Antallet af finalister skal være mellem 1 og 20."),
], ids=["unknown-method", "no-finalists"])
def test_a_wrong_method_or_number_is_refused(session, secretariat, method, count, message):
    year, _ = _year(session, CLEAN)

    with pytest.raises(ShortlistRefused) as refused:
        shortlist.set_shortlist_rule(session, actor=secretariat, year_id=year.id, method=method,
                                     finalist_count=count)

    assert refused.value.message("da") == message
