"""A round's results: the table with the spread of the jurors' totals and the criterion
means, the juror x candidate totals, and who may see them when."""

from datetime import UTC, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from prize.errors import NotAllowed
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.robustness import describe, robustness
from prize.roles import Role
from prize.services.ranking import ranking_inputs
from prize.services.results import RESULT_COLUMNS, round_results
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_final_year, make_nomination, make_sheet, make_user, make_year

CRITERIA = ["Et attraktivt og gennemtænkt fysisk miljø", "Lokalområdets stedbundne ressourcer og potentialer",
            "Vision for bæredygtig udvikling", "Udsyn, samarbejder og opbygning af viden og kapacitet",
            "Trivsel, sundhed, frivillighed og sociale fællesskaber", "Klima, biodiversitet og ressourcer",
            "Landsbyens overordnede udvikling"]
# Two jurors' sheets (seven criteria, weights 1); the totals are the means of the rows:
# Anna: Løvel 5, Skjød 3, Asferg 4; Bent: Løvel 28/7 = 4, Skjød 5, Asferg 2.
SHEETS = {
    "Anna Juul": {"Løvel": (5,) * 7, "Skjød": (3,) * 7, "Asferg": (4,) * 7},
    "Bent Bach": {"Løvel": (3, 5, 4, 4, 4, 4, 4), "Skjød": (5,) * 7, "Asferg": (2,) * 7},
}


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat"))


def _year(session) -> tuple[YearInfo, dict[str, int]]:
    year = make_year(session, phase=Phase.SHORTLIST, finalist_count=2)
    body = make_body(session)
    candidates = {name: make_nomination(session, year=year, body=body, name=name, status=NominationStatus.ELIGIBLE)
                  for name in ("Løvel", "Skjød", "Asferg")}
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    for number, (juror_name, sheets) in enumerate(SHEETS.items()):
        juror = make_user(session, role=Role.JUROR, username=f"jury{number}", name=juror_name)
        for name, values in sheets.items():
            make_sheet(session, round=screening, juror=juror, nomination=candidates[name], values=values)
    return YearInfo.of(year), {name: nomination.id for name, nomination in candidates.items()}


def test_the_table_ranks_the_candidates_with_the_spread_of_the_jurors_totals(session, secretariat):
    year, ids = _year(session)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.SCREENING, method="weighted_mean")

    assert_frame_equal(results.table[RESULT_COLUMNS], pd.DataFrame({
        "rank": [1, 2, 3], "nomination_id": [ids["Løvel"], ids["Skjød"], ids["Asferg"]],
        "candidate": ["Løvel", "Skjød", "Asferg"], "score": [4.5, 4.0, 3.0], "mean": [4.5, 4.0, 3.0],
        "median": [4.5, 4.0, 3.0], "std": [0.5, 1.0, 1.0], "min": [4.0, 3.0, 2.0], "max": [5.0, 5.0, 4.0],
        "n_jurors": [2, 2, 2]}), check_dtype=False)


def test_the_table_holds_the_mean_score_of_each_criterion(session, secretariat):
    year, _ = _year(session)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.SCREENING, method="weighted_mean")

    assert (results.criteria, results.table.loc[0, list(CRITERIA)].tolist()) == (
        tuple(CRITERIA), [4.0, 5.0, 4.5, 4.5, 4.5, 4.5, 4.5])


def test_another_method_changes_the_score_and_the_rank_not_the_spread(session, secretariat):
    year, _ = _year(session)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.SCREENING, method="borda")

    # Borda: Anna ranks Løvel 1, Asferg 2, Skjød 3; Bent Skjød 1, Løvel 2, Asferg 3 (k = 3):
    # Løvel (1 + 0.5) / 2 = 0.75, Skjød (0 + 1) / 2 = 0.5, Asferg (0.5 + 0) / 2 = 0.25.
    assert (list(results.table["candidate"]), list(results.table["score"]), list(results.table["mean"])) == (
        ["Løvel", "Skjød", "Asferg"], [0.75, 0.5, 0.25], [4.5, 4.0, 3.0])


def test_the_secretariat_sees_every_jurors_total_for_every_candidate(session, secretariat):
    year, _ = _year(session)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.SCREENING, method="weighted_mean")

    assert_frame_equal(results.totals, pd.DataFrame(
        {"Løvel": [5.0, 4.0], "Skjød": [3.0, 5.0], "Asferg": [4.0, 2.0]},
        index=pd.Index(["Anna Juul", "Bent Bach"], name="juror")))


def test_the_report_is_the_robustness_report_of_the_years_cut(session, secretariat):
    year, _ = _year(session)
    inputs = ranking_inputs(session, actor=secretariat, year=year, round_kind=RoundKind.SCREENING)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.SCREENING, method="weighted_mean")

    assert results.report == tuple(describe(robustness(inputs.scores, inputs.weights, method="weighted_mean",
                                                       n_finalists=2), "da", inputs.nominations, inputs.jurors))


def test_a_juror_sees_no_results_before_release(session):
    year, _ = _year(session)
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury9"))

    with pytest.raises(NotAllowed):
        round_results(session, actor=juror, year=year, kind=RoundKind.SCREENING, method="weighted_mean")


def test_a_juror_sees_the_results_and_the_totals_once_released(session):
    year, _ = _year(session)
    scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING).released_at = datetime(2020, 2, 20, tzinfo=UTC)
    session.flush()
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury9"))

    results = round_results(session, actor=juror, year=year, kind=RoundKind.SCREENING, method="weighted_mean")

    assert (list(results.table["candidate"]), list(results.totals.index), results.released) == (
        ["Løvel", "Skjød", "Asferg"], ["Anna Juul", "Bent Bach"], True)


def test_a_round_not_opened_has_no_results(session, secretariat):
    year, _ = _year(session)

    results = round_results(session, actor=secretariat, year=year, kind=RoundKind.FINAL, method="weighted_mean")

    assert (results.opened, results.empty, results.totals) == (False, True, None)


# --- The final round --------------------------------------------------------------------------

def test_the_final_rounds_results_rank_the_finalists_only_and_weigh_the_winners_place(session, secretariat):
    year, finalists = make_final_year(session, phase=Phase.RECOMMENDATION)
    outsider = make_nomination(session, year=year, body=make_body(session), name="Ulvedal",
                               status=NominationStatus.ELIGIBLE)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    final = scoring_round(session, year_id=year.id, kind=RoundKind.FINAL)
    for number, juror_name in enumerate(("Anna Juul", "Bent Bach")):
        juror = make_user(session, role=Role.JUROR, username=f"jury{number}", name=juror_name)
        make_sheet(session, round=screening, juror=juror, nomination=outsider, values=(5,) * 7)
        for name, value in (("Løvel", 3), ("Skjød", 5), ("Asferg", 4)):
            make_sheet(session, round=final, juror=juror, nomination=finalists[name], values=(value,) * 7)

    results = round_results(session, actor=secretariat, year=YearInfo.of(year), kind=RoundKind.FINAL,
                            method="weighted_mean")

    assert (list(results.table["candidate"]), list(results.table["score"]), results.report[0]) == (
        ["Skjød", "Asferg", "Løvel"], [5.0, 4.0, 3.0],
        "Robust: De samme kandidater er i top 1 med alle 5 metoder og også, når et hvilket som helst jurymedlem "
        "holdes ude: Skjød.")
