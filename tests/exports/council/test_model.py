"""The report the three council files are written from."""

from datetime import UTC, datetime

import pytest

from prize.db import session_scope
from prize.errors import NotAllowed
from prize.exports.council.model import CONFLICT_COLUMNS, council_report
from prize.phases import Phase
from prize.queries.years import year_by_number
from prize.roles import Role
from prize.services.council import CouncilOptions, set_council_options
from prize.services.years import YearInfo, create_year, require_current_year
from tests.exports.council.conftest import WINNER
from tests.factories import actor_of, make_user
from tests.pages.finals import secretariat_of

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)
# The demo's jurors in Danish order with their titles; jury4 and jury5 have scored nothing.
JURY = (("Birgitte Thorsen", "Landdistriktsforsker, ph.d."),
        ("Camilla Riis Damgaard", "Konsulent i lokal udvikling og frivillighed"),
        ("Henrik Aagaard Lund", "Arkitekt MAA, byplanlægger"),
        ("Mads Overgaard Kristensen", "Civilingeniør, energiplanlægger"),
        ("Thomas Brix Nørgaard", "Biolog og naturrådgiver"))
NOTES = ("Jurymedlemmet har boet og arbejdet i Lemvig Kommune indtil 2017 og deltager derfor ikke i vurderingen af "
         "Klitbjerg-klyngen.", "Jurymedlemmets tegnestue rådgav landsbyrådet i Ulvedal om stiplanen i 2019.")


def _report(session, **options):
    """The current year's report, after the secretariat has set ``options`` (CouncilOptions' fields)."""
    year = require_current_year(session)
    if options:
        year = set_council_options(session, actor=secretariat_of(session), year_id=year.id,
                                   options=CouncilOptions(**options))
    return council_report(session, actor=secretariat_of(session), year=year, now=NOW)


def test_the_report_names_the_winner_first_among_the_finalists_and_is_no_draft(recommended_session):
    session = recommended_session
    year = require_current_year(session)

    report = council_report(session, actor=secretariat_of(session), year=year, now=NOW)

    assert (report.draft, year.phase, report.winner, report.finalists[0].candidate, report.finalists[0].recommended,
            len(report.finalists), list(report.final.table["rank"])[0], list(report.final.table["candidate"])[0]) == (
        False, Phase.RECOMMENDATION, WINNER, WINNER, True, 5, 1, WINNER)


def test_the_screening_table_ranks_every_eligible_candidate_and_the_counts_add_up(recommended_session):
    session = recommended_session

    report = council_report(session, actor=secretariat_of(session), year=require_current_year(session), now=NOW)

    assert (len(report.screening.table), dict(report.counts), report.ineligible) == (
        13, {"Indstillinger i alt": 13, "Opfylder betingelserne": 13, "Opfylder ikke betingelserne": 0}, ())


def test_the_conflicts_name_juror_candidate_and_type_but_not_the_private_note(recommended_session):
    session = recommended_session

    report = council_report(session, actor=secretariat_of(session), year=require_current_year(session), now=NOW)

    assert report.conflicts.to_dict("records") == [
        {"juror": "Birgitte Thorsen", "candidate": "Klitbjerg-klyngen", "type": "Egen kommune", "active": True},
        {"juror": "Henrik Aagaard Lund", "candidate": "Ulvedal", "type": "Faglig relation", "active": True}]


def test_a_year_before_the_recommendation_gives_a_draft(demo_engine):
    from prize.db import session_scope
    with session_scope(demo_engine) as session:
        report = council_report(session, actor=secretariat_of(session), year=require_current_year(session), now=NOW)

        assert (report.draft, report.recommendation, report.finalists, report.final.empty) == (True, None, (), True)


def test_only_the_secretariat_may_have_the_report(session):
    from tests.factories import make_year
    from prize.services.years import YearInfo
    year = YearInfo.of(make_year(session))
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury1"))

    with pytest.raises(NotAllowed):
        council_report(session, actor=juror, year=year)


def test_the_jury_names_every_juror_of_the_year_with_their_title_also_those_who_scored_nothing(recommended_session):
    report = _report(recommended_session)

    assert (report.jury, report.anonymous_jury, sorted(set(report.raw_scores["juror"]))) == (
        JURY, False, ["Birgitte Thorsen", "Henrik Aagaard Lund", "Thomas Brix Nørgaard"])


def test_an_anonymous_jury_is_numbered_in_every_part_of_the_report(recommended_session):
    report = _report(recommended_session, anonymous_jury=True)

    numbered = tuple((f"Jurymedlem {n}", "Jurymedlem") for n in range(1, 6))
    robustness = " ".join(report.screening.robustness + report.final.robustness)
    # Named, the screening round's robustness says "... hvis Henrik Aagaard Lund eller Birgitte Thorsen holdes ude".
    assert (report.jury, report.anonymous_jury, sorted(set(report.raw_scores["juror"])),
            list(report.conflicts["juror"]), list(report.screening.totals["juror"].drop_duplicates().sort_values())) == (
        numbered, True, ["Jurymedlem 1", "Jurymedlem 3", "Jurymedlem 5"], ["Jurymedlem 1", "Jurymedlem 3"],
        ["Jurymedlem 1", "Jurymedlem 3", "Jurymedlem 5"])
    assert ([name for name, _ in JURY if name in robustness], report.screening.robustness[2]) == (
        [], "Gyvelund er ikke i top 5 med vægtet gennemsnit, men kommer ind, hvis Jurymedlem 3 eller Jurymedlem 1 "
            "holdes ude.")


def test_an_earlier_year_has_as_jury_the_jurors_who_took_part_in_it(demo_engine):
    with session_scope(demo_engine) as session:
        create_year(session, actor=secretariat_of(session), year=2021, title="Landsbyprisen 2021")
    with session_scope(demo_engine) as session:
        earlier = YearInfo.of(year_by_number(session, 2020))

        report = council_report(session, actor=secretariat_of(session), year=earlier, now=NOW)
        current = _report(session)

        assert ([name for name, _ in report.jury], [name for name, _ in current.jury]) == (
            ["Birgitte Thorsen", "Henrik Aagaard Lund", "Thomas Brix Nørgaard"], [name for name, _ in JURY])


def test_the_conflicts_reasons_are_left_out_unless_the_year_prints_them(recommended_session):
    session = recommended_session

    without = _report(session)
    printed = _report(session, print_conflict_reasons=True)

    assert (list(without.conflicts.columns), without.conflict_reasons, printed.conflict_reasons) == (
        CONFLICT_COLUMNS, False, True)
    assert printed.conflicts.to_dict("records") == [
        {"juror": "Birgitte Thorsen", "candidate": "Klitbjerg-klyngen", "type": "Egen kommune", "active": True,
         "reason": NOTES[0], "withdrawal_reason": ""},
        {"juror": "Henrik Aagaard Lund", "candidate": "Ulvedal", "type": "Faglig relation", "active": True,
         "reason": NOTES[1], "withdrawal_reason": ""}]
