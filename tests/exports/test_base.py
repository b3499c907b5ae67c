"""The exporter seam: exporters name themselves, check the rule book, name their files."""

import csv
import io
from datetime import UTC, datetime

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.errors import NotAllowed
from prize.exports import EXPORTERS, Exporter, exporter_for
from prize.exports.nominations import NominationsCsv
from prize.i18n import format_size
from prize.models import Attachment, Nomination
from prize.permissions import Action
from prize.phases import Phase
from prize.queries.users import user_by_username
from prize.queries.years import year_by_number
from prize.roles import Role
from prize.services.demo import read_demo
from prize.services.review import nominations_review
from prize.services.years import YearInfo
from tests.factories import actor_of, make_attachment, make_body, make_nomination, make_user, make_year


def _demo_export(engine, username: str, *, now: datetime):
    with Session(engine) as session:
        year = YearInfo.of(year_by_number(session, 2020))
        actor = actor_of(user_by_username(session, username))
        return NominationsCsv(year=year).export(session, actor=actor, now=now)


def test_an_exporter_is_found_by_its_identifier():
    assert (exporter_for("nominations-csv"), EXPORTERS["nominations-csv"]) == (NominationsCsv, NominationsCsv)


def test_two_exporters_may_not_share_an_identifier():
    with pytest.raises(ValueError, match="two exporters are named 'nominations-csv'"):
        type("Again", (Exporter,), {"identifier": "nominations-csv", "render": lambda self, session: b""})


def test_an_exporter_declares_its_file_and_the_action_it_needs():
    assert (NominationsCsv.extension, NominationsCsv.media_type, NominationsCsv.file_stem, NominationsCsv.action) == (
        "csv", "text/csv; charset=utf-8", "indstillinger", Action.VIEW_ALL_NOMINATIONS)


def test_the_file_name_carries_the_year_the_danish_stem_and_the_danish_time(demo_engine):
    exported = _demo_export(demo_engine, "sekretariat", now=datetime(2020, 3, 1, 13, 5, tzinfo=UTC))

    assert (exported.filename, exported.media_type) == (
        "landsbyprisen-2020-indstillinger-20200301-1405.csv", "text/csv; charset=utf-8")


@pytest.mark.parametrize("username", ["jury1", "lag.randers", "ildsjael"])
def test_only_the_secretariat_may_export_the_nominations(demo_engine, username):
    with pytest.raises(NotAllowed):
        _demo_export(demo_engine, username, now=datetime(2020, 3, 1, tzinfo=UTC))


def test_the_nominations_csv_has_danish_headings_and_one_row_per_nomination(demo_engine):
    exported = _demo_export(demo_engine, "sekretariat", now=datetime(2020, 3, 1, tzinfo=UTC))

    text = exported.content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert (text[0], rows[0], len(rows) - 1) == (
        "\ufeff", ["Kandidat", "Landsby(er)", "Type", "Kommune", "Indstillet af", "Kontaktperson", "Status",
                   "Indsendt", "Komplet", "Mangler", "Bilag (antal)", "Bilag (størrelse)", "Forhåndstjek",
                   "Begrundelse for vurdering"], len(read_demo()["nominations"]))
    assert next(row for row in rows if row[0] == "Stenhøj Vestermark") == [
        "Stenhøj Vestermark", "Stenhøj Vestermark", "Landsby", "Randers", "LAG Randers-Favrskov",
        "Anne Marie Søndergaard", "Godkendt", "13. januar 2020 kl. 20:42", "Ja", "", "2",
        _attachment_size(demo_engine, "Stenhøj Vestermark"), "",
        "Godkendt: i regionen og komplet. LAG Randers-Favrskov må indstille to kandidater i år."]


def _attachment_size(engine, name: str) -> str:
    """The size the CSV shows for the candidate's material (the picture's size depends on the fonts at hand)."""
    with Session(engine) as session:
        size = session.scalar(select(func.sum(Attachment.size_bytes)).join(
            Nomination, Attachment.nomination_id == Nomination.id).where(Nomination.name == name))
    return format_size(int(size))


def test_the_csv_names_failed_pre_checks_and_missing_parts_as_plain_text(session, year_with_problems):
    year, secretariat = year_with_problems

    exported = NominationsCsv(year=year).export(session, actor=secretariat, now=datetime(2020, 3, 1, tzinfo=UTC))

    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8").removeprefix("\ufeff")), delimiter=";"))
    assert [row[8:13] for row in rows[1:]] == [
        ["Nej", "Kort beskrivelse, Materiale (mindst én fil eller et videolink)", "0", "0 kB",
         "Indstillingen er ikke komplet. Der mangler: Kort beskrivelse, Materiale (mindst én fil eller et "
         "videolink). LAG Randers-Favrskov har 2 indstillinger i år, men må højst indstille 1."],
        ["Ja", "", "1", "2,4 MB", "LAG Randers-Favrskov har 2 indstillinger i år, men må højst indstille 1."]]


def test_the_page_downloads_the_rows_it_shows(session, year_with_problems):
    year, secretariat = year_with_problems
    frame = nominations_review(session, actor=secretariat, year_id=year.id, quarantine_years=5)

    exported = NominationsCsv(year=year).export_rows(frame.iloc[1:], actor=secretariat,
                                                     now=datetime(2020, 3, 1, tzinfo=UTC))

    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8").removeprefix("\ufeff")), delimiter=";"))
    assert (exported.filename, [row[0] for row in rows[1:]]) == (
        "landsbyprisen-2020-indstillinger-20200301-0100.csv", ["Stenhøj Vestermark"])


def test_a_nominator_may_not_download_the_rows(session, year_with_problems):
    year, _ = year_with_problems
    nominator = actor_of(make_user(session, role=Role.NOMINATOR))

    with pytest.raises(NotAllowed):
        NominationsCsv(year=year).export_rows(pd.DataFrame(), actor=nominator)


@pytest.fixture
def year_with_problems(session):
    """A year in which LAG Randers-Favrskov made two nominations (its limit is one), one of them incomplete."""
    prize_year = make_year(session, phase=Phase.NOMINATIONS_CLOSED)
    body = make_body(session)
    make_nomination(session, year=prize_year, body=body, name="Bakkekær")
    complete = make_nomination(session, year=prize_year, body=body, name="Stenhøj Vestermark")
    complete.summary = "Landsbyen, der selv ejer sin varme."
    make_attachment(session, nomination=complete, size_bytes=2_500_000)
    secretariat = actor_of(make_user(session, role=Role.SECRETARIAT))
    return YearInfo.of(prize_year), secretariat
