"""A round's ranking as a CSV download (prize/exports/ranking.py), on the demo year."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import NotAllowed
from prize.exports import exporter_for
from prize.models import User
from prize.phases import RoundKind
from prize.queries.years import year_by_number
from prize.services.years import YearInfo


@pytest.fixture
def demo(demo_engine) -> Iterator[Session]:
    with Session(demo_engine) as session:
        yield session


def _actor(session: Session, username: str) -> Actor:
    return Actor.of(session.scalars(select(User).where(User.username == username)).one())


def _exporter(session: Session, **options):
    return exporter_for("ranking-csv")(year=YearInfo.of(year_by_number(session, 2020)), kind=RoundKind.SCREENING,
                                       **options)


def test_the_download_is_danish_excel_csv_with_a_dated_name(demo):
    file = _exporter(demo, method="weighted_mean").export(demo, actor=_actor(demo, "sekretariat"),
                                                           now=datetime(2020, 2, 20, 13, 5, tzinfo=UTC))

    lines = file.content.decode("utf-8").split("\r\n")
    assert (file.filename, file.media_type, lines[:2], lines[-2:]) == (
        "landsbyprisen-2020-rangering-20200220-1405.csv", "text/csv; charset=utf-8",
        ["\ufeffPlacering;Id;Kandidat;Point;Jurymedlemmer", "1;2;Lindådalens landsbyklynge;4,6667;3"],
        [";10;Ulvedal;;0", ""])


def test_the_download_in_english_has_english_headings_and_a_decimal_point(demo):
    file = _exporter(demo, method="median", locale="en").export(demo, actor=_actor(demo, "sekretariat"))

    # Lindådalen: median of 33/7, 33/7 and 32/7 = 33/7 = 4.7143.
    assert file.content.decode("utf-8").split("\r\n")[:2] == [
        "\ufeffRank;Id;Candidate;Score;Jurors", "1;2;Lindådalens landsbyklynge;4.7143;3"]


def test_a_juror_gets_no_ranking_before_the_round_is_released(demo):
    with pytest.raises(NotAllowed):
        _exporter(demo, method="borda").export(demo, actor=_actor(demo, "jury1"))


def test_an_unknown_method_is_refused_when_the_export_is_made():
    with pytest.raises(ValueError, match="unknown ranking method 'plurality'"):
        exporter_for("ranking-csv")(year=None, kind=RoundKind.SCREENING, method="plurality")
