"""The scores behind the recommendation in Excel, read back with openpyxl."""

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from prize.errors import NotAllowed
from prize.exports import exporter_for
from prize.models import Score, ScoreSheet
from prize.roles import Role
from prize.services.years import require_current_year
from tests.exports.council.conftest import WINNER
from tests.factories import actor_of, make_user
from tests.pages.finals import secretariat_of

NOW = datetime(2020, 3, 1, 13, 5, tzinfo=UTC)


def _export(session):
    exporter = exporter_for("recommendation-xlsx")(year=require_current_year(session))
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


def test_the_conflicts_sheet_names_juror_candidate_and_type_without_the_note(recommended_session):
    session = recommended_session

    book = load_workbook(io.BytesIO(_export(session).content))

    assert _rows(book, "Inhabilitet") == [
        ("Jurymedlem", "Kandidat", "Type", "Aktiv"),
        ("Birgitte Thorsen", "Klitbjerg-klyngen", "Egen kommune", "Ja"),
        ("Henrik Aagaard Lund", "Ulvedal", "Faglig relation", "Ja")]


def test_a_juror_may_not_export_the_workbook(recommended_session):
    session = recommended_session
    juror = actor_of(make_user(session, role=Role.JUROR, username="jury9", name="Ny Juror"))
    exporter = exporter_for("recommendation-xlsx")(year=require_current_year(session))

    with pytest.raises(NotAllowed):
        exporter.export(session, actor=juror, now=NOW)
