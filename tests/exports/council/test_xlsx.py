"""The scores behind the recommendation in Excel, read back with openpyxl."""

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from prize.db import session_scope
from prize.errors import NotAllowed
from prize.exports import exporter_for
from prize.models import Criterion, Nomination, Score, ScoreSheet, ScoringRound, User
from prize.phases import RoundKind
from prize.roles import Role
from prize.services.council import CouncilOptions, set_council_options
from prize.services.scoring import record_score
from prize.services.years import require_current_year
from tests.exports.council.conftest import WINNER
from tests.exports.council.test_model import NOTES
from tests.factories import actor_of, make_user
from tests.pages.finals import secretariat_of

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)


def _export(session, **options):
    """The workbook, after the secretariat has set ``options`` (CouncilOptions' fields)."""
    year = require_current_year(session)
    if options:
        year = set_council_options(session, actor=secretariat_of(session), year_id=year.id,
                                   options=CouncilOptions(**options))
    exporter = exporter_for("recommendation-xlsx")(year=year)
    return exporter.export(session, actor=secretariat_of(session), now=NOW)


def _rows(book, sheet: str) -> list[tuple]:
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def test_the_workbook_has_its_sheets_in_order_and_one_raw_row_per_submitted_score(recommended_session):
    session = recommended_session
    submitted = session.scalar(select(func.count()).select_from(Score).join(ScoreSheet)
                               .where(ScoreSheet.submitted_at.is_not(None)))

    exported = _export(session)
    book = load_workbook(io.BytesIO(exported.content))

    raw = _rows(book, "Scorer")
    assert (exported.filename, book.sheetnames, raw[0], len(raw) - 1) == (
        "landsbyprisen-2020-indstilling-20200301-1405.xlsx",
        ["Scorer", "Rangering", "Robusthed", "Gennemsnit pr. kriterium", "Inhabilitet", "Ændringer af scorer"],
        ("År", "Runde", "Jurymedlem", "Kandidat", "Kriterium", "Score", "Kommentar", "Indsendt"), submitted)
    assert {(type(row[0]), type(row[5]), type(row[7])) for row in raw[1:]} == {(int, int, datetime)}


def test_the_ranking_sheet_holds_every_method_for_both_rounds_with_numbers_as_numbers(recommended_session):
    session = recommended_session

    book = load_workbook(io.BytesIO(_export(session).content))

    ranking = _rows(book, "Rangering")[1:]
    final_mean = [row for row in ranking if row[0] == "Finalerunde" and row[1] == "vægtet gennemsnit"]
    assert (len({(row[0], row[1]) for row in ranking}), final_mean[0][2:4], type(final_mean[0][4])) == (
        10, (1, WINNER), float)


def test_moments_and_decimals_stay_numbers_that_excel_shows_the_danish_way(recommended_session):
    book = load_workbook(io.BytesIO(_export(recommended_session).content))

    submitted, score, mean = book["Scorer"]["H2"], book["Rangering"]["E2"], book["Gennemsnit pr. kriterium"]["C2"]
    assert [(type(cell.value), cell.number_format) for cell in (submitted, score, mean)] == [
        (datetime, "[$-406]d. mmmm yyyy hh:mm"), (float, "0.00"), (float, "0.00")]


def test_the_conflicts_sheet_names_juror_candidate_and_type_without_the_note(recommended_session):
    session = recommended_session

    book = load_workbook(io.BytesIO(_export(session).content))

    assert _rows(book, "Inhabilitet") == [
        ("Jurymedlem", "Kandidat", "Type", "Aktiv"),
        ("Birgitte Thorsen", "Klitbjerg-klyngen", "Egen kommune", "Ja"),
        ("Henrik Aagaard Lund", "Ulvedal", "Faglig relation", "Ja")]


def test_the_conflicts_sheet_prints_the_reasons_when_the_year_says_so(recommended_session):
    session = recommended_session

    book = load_workbook(io.BytesIO(_export(session, print_conflict_reasons=True).content))

    assert _rows(book, "Inhabilitet") == [
        ("Jurymedlem", "Kandidat", "Type", "Aktiv", "Begrundelse", "Begrundelse for tilbagetrækning"),
        ("Birgitte Thorsen", "Klitbjerg-klyngen", "Egen kommune", "Ja", NOTES[0], None),
        ("Henrik Aagaard Lund", "Ulvedal", "Faglig relation", "Ja", NOTES[1], None)]


def _score_as_jury4(session) -> None:
    """Camilla Riis Damgaard (jury4, second of the five in Danish order) scores one criterion
    of Egehoved-klyngen in the demo's screening round: an entry in the audit trail."""
    juror = session.scalars(select(User).where(User.username == "jury4")).one()
    screening = session.scalars(select(ScoringRound).where(ScoringRound.kind == RoundKind.SCREENING)).one()
    nomination = session.scalars(select(Nomination).where(Nomination.name == "Egehoved-klyngen")).one()
    criterion = session.scalars(select(Criterion).where(Criterion.year_id == screening.year_id)
                                .order_by(Criterion.position)).first()
    record_score(session, actor=actor_of(juror), round_id=screening.id, nomination_id=nomination.id,
                 criterion_id=criterion.id, value=4, expected_version=0, now=datetime(2020, 2, 1, 10, 0, tzinfo=UTC))


def test_an_anonymous_jury_is_numbered_in_the_raw_scores_the_conflicts_and_the_audit_trail(demo_engine):
    with session_scope(demo_engine) as session:
        _score_as_jury4(session)
    with session_scope(demo_engine) as session:
        named = load_workbook(io.BytesIO(_export(session).content))
        anonymous = load_workbook(io.BytesIO(_export(session, anonymous_jury=True).content))

    assert ({row[2] for row in _rows(named, "Scorer")[1:]}, [row[1] for row in _rows(named, "Ændringer af scorer")[1:]]) == (
        {"Birgitte Thorsen", "Henrik Aagaard Lund", "Thomas Brix Nørgaard"}, ["Camilla Riis Damgaard (jury4)"])
    assert ({row[2] for row in _rows(anonymous, "Scorer")[1:]}, [row[0] for row in _rows(anonymous, "Inhabilitet")[1:]],
            [row[1:3] for row in _rows(anonymous, "Ændringer af scorer")[1:]]) == (
        {"Jurymedlem 1", "Jurymedlem 3", "Jurymedlem 5"}, ["Jurymedlem 1", "Jurymedlem 3"],
        [("Jurymedlem 2", "score.recorded")])


def test_a_juror_may_not_export_the_workbook(recommended_session):
    session = recommended_session
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury9", name="Ny Juror"))
    exporter = exporter_for("recommendation-xlsx")(year=require_current_year(session))

    with pytest.raises(NotAllowed):
        exporter.export(session, actor=juror, now=NOW)
