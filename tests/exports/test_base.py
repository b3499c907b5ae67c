"""The exporter seam: exporters name themselves, check the rule book, name their files."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from prize.errors import NotAllowed
from prize.exports import EXPORTERS, Exporter, exporter_for
from prize.exports.nominations import NominationsCsv
from prize.permissions import Action
from prize.queries.users import user_by_username
from prize.queries.years import year_by_number
from prize.services.demo import read_demo
from prize.services.years import YearInfo
from tests.factories import actor_of


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
                   "Indsendt"], len(read_demo()["nominations"]))
    assert next(row for row in rows if row[0] == "Stenhøj Vestermark") == [
        "Stenhøj Vestermark", "Stenhøj Vestermark", "Landsby", "Randers", "LAG Randers-Favrskov",
        "Anne Marie Søndergaard", "Indsendt", "13. januar 2020 kl. 20:42"]
