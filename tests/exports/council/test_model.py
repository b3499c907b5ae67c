"""The report the three council files are written from."""

from datetime import UTC, datetime

import pytest

from prize.errors import NotAllowed
from prize.exports.council.model import council_report
from prize.phases import Phase
from prize.roles import Role
from prize.services.years import require_current_year
from tests.exports.council.conftest import WINNER
from tests.factories import actor_of, make_user
from tests.pages.finals import secretariat_of

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)


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


def test_the_jury_is_named_with_roles_or_numbered_when_anonymous(recommended_session):
    session = recommended_session
    year = require_current_year(session)

    named = council_report(session, actor=secretariat_of(session), year=year, now=NOW)
    anonymous = council_report(session, actor=secretariat_of(session), year=year, now=NOW, anonymous_jury=True)

    assert [name for name, _ in named.jury][:2] == ["Birgitte Thorsen", "Henrik Aagaard Lund"]
    assert anonymous.jury == tuple((f"Jurymedlem {n}", "Jurymedlem") for n in range(1, len(named.jury) + 1))
    assert set(anonymous.raw_scores["juror"]) | set(anonymous.conflicts["juror"]) <= {
        name for name, _ in anonymous.jury}
