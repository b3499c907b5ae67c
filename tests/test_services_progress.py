"""The secretariat's view of the jury's progress: the matrix, its counts and the reminders."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from prize.errors import NotAllowed
from prize.models import Conflict
from prize.models.base import utcnow
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services.progress import reminders, round_progress
from prize.services.scoring import SheetState
from prize.services.years import YearInfo
from tests.factories import (actor_of, make_body, make_conflict, make_finalist, make_nomination, make_user,
                             make_year, make_sheet)
from tests.statements import count_statements

S, P, N, C = SheetState.SUBMITTED, SheetState.IN_PROGRESS, SheetState.NOT_STARTED, SheetState.CONFLICT


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat"))


def _small_round(session, *, phase=Phase.SCREENING):
    """Two jurors, three candidates: Anne submitted Aby, scored part of Bjerg and has a
    conflict with Dal; Bo has done nothing."""
    year = make_year(session, phase=phase)
    year.screening_deadline = datetime(2020, 2, 14, 15, 0, tzinfo=UTC)
    body = make_body(session)
    aby, bjerg, dal = (make_nomination(session, year=year, body=body, name=name, status=NominationStatus.ELIGIBLE)
                       for name in ("Aby", "Bjerg", "Dal"))
    make_nomination(session, year=year, body=body, name="Ikke godkendt", status=NominationStatus.INELIGIBLE)
    anne = make_user(session, role=Role.JUROR, username="anne", name="Anne Holm", email="anne@example.dk")
    bo = make_user(session, role=Role.JUROR, username="boberg", name="Bo Berg", email="bo@example.dk")
    make_user(session, role=Role.JUROR, username="gammel", name="Gammel Juror", active=False)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    make_sheet(session, round=screening, juror=anne, nomination=aby)
    make_sheet(session, round=screening, juror=anne, nomination=bjerg, values=(4, 4), submitted=False)
    make_conflict(session, juror=anne, nomination=dal)
    return year, (aby, bjerg, dal), (anne, bo)


def test_the_matrix_shows_each_jurors_state_for_each_candidate(session, secretariat):
    year, _, _ = _small_round(session)

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    assert matrix.table().to_dict(orient="index") == {
        "Anne Holm": {"Aby": S, "Bjerg": P, "Dal": C}, "Bo Berg": {"Aby": N, "Bjerg": N, "Dal": N}}


def test_the_counts_per_juror_count_a_conflict_as_done(session, secretariat):
    year, _, _ = _small_round(session)

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    assert matrix.per_juror().drop(columns="id").to_dict(orient="records") == [
        dict(name="Anne Holm", submitted=1, in_progress=1, not_started=0, conflict=1, done=2, total=3),
        dict(name="Bo Berg", submitted=0, in_progress=0, not_started=3, conflict=0, done=0, total=3)]
    assert (matrix.sheets_needed, matrix.sheets_missing, matrix.jurors_done, matrix.juror_count) == (5, 4, 0, 2)


def test_the_counts_per_candidate(session, secretariat):
    year, _, _ = _small_round(session)

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    assert matrix.per_candidate()[["name", "submitted", "in_progress", "conflict", "done", "total"]].to_dict(
        orient="records") == [
        dict(name="Aby", submitted=1, in_progress=0, conflict=0, done=1, total=2),
        dict(name="Bjerg", submitted=0, in_progress=1, conflict=0, done=0, total=2),
        dict(name="Dal", submitted=0, in_progress=0, conflict=1, done=1, total=2)]


def test_a_withdrawn_conflict_counts_no_longer(session, secretariat):
    year, (_, _, dal), (anne, _) = _small_round(session)
    conflict = session.scalars(select(Conflict).where(Conflict.juror_id == anne.id, Conflict.nomination_id == dal.id)).one()
    conflict.withdrawn_at = utcnow()
    session.flush()

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    assert (matrix.table().loc["Anne Holm", "Dal"], matrix.sheets_needed) == (N, 6)


def test_the_final_round_shows_the_finalists_only(session, secretariat):
    year, (aby, _, dal), _ = _small_round(session, phase=Phase.FINAL_ROUND)
    make_finalist(session, nomination=aby, position=1)
    make_finalist(session, nomination=dal, position=2)

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    # The screening sheets belong to the other round.
    assert (matrix.round_kind, matrix.table().to_dict(orient="index")) == (RoundKind.FINAL, {
        "Anne Holm": {"Aby": N, "Dal": C}, "Bo Berg": {"Aby": N, "Dal": N}})


def test_a_phase_without_a_round_has_an_empty_matrix(session, secretariat):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)

    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    assert (matrix.round_kind, len(matrix.cells), reminders(matrix)) == (None, 0, [])


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_only_the_secretariat_sees_the_progress(session, role):
    year, _, _ = _small_round(session)
    outsider = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed):
        round_progress(session, actor=outsider, year=YearInfo.of(year))


def test_the_reminders_name_the_jurors_behind_with_a_danish_text(session, secretariat):
    year, _, _ = _small_round(session)
    matrix = round_progress(session, actor=secretariat, year=YearInfo.of(year))

    behind = reminders(matrix)

    assert [(r.juror, r.email, r.left, r.total) for r in behind] == [
        ("Anne Holm", "anne@example.dk", 1, 2), ("Bo Berg", "bo@example.dk", 3, 3)]
    assert behind[0].text == (
        "Kære Anne Holm\n\nDette er en venlig påmindelse om «Første runde» i Landsbyprisen 2020. "
        "Du mangler at indsende 1 af dine 2 bedømmelser. Fristen er 14. februar 2020 kl. 16:00 (dansk tid).\n\n"
        "Du finder kandidaterne under «Bedømmelse», når du logger ind. Har du spørgsmål, er du velkommen til at "
        "kontakte sekretariatet.\n\nVenlig hilsen\nSekretariatet for Landsbyprisen")


def test_a_juror_who_is_done_gets_no_reminder(session, secretariat):
    year, (aby, bjerg, dal), (anne, bo) = _small_round(session)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    for nomination in (aby, bjerg, dal):
        make_sheet(session, round=screening, juror=bo, nomination=nomination)

    behind = reminders(round_progress(session, actor=secretariat, year=YearInfo.of(year)))

    assert [reminder.juror for reminder in behind] == ["Anne Holm"]


def test_the_matrix_takes_the_same_statements_for_a_small_and_a_larger_round(session, secretariat):
    year, _, (anne, _) = _small_round(session)
    info = YearInfo.of(year)
    small = count_statements(session, lambda: round_progress(session, actor=secretariat, year=info))
    body = make_body(session)
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    for number in range(12):
        nomination = make_nomination(session, year=year, body=body, name=f"By {number}",
                                     status=NominationStatus.ELIGIBLE)
        make_sheet(session, round=screening, juror=anne, nomination=nomination)
    for number in range(5):
        make_user(session, role=Role.JUROR, username=f"ekstra{number}")

    larger = count_statements(session, lambda: round_progress(session, actor=secretariat, year=info))

    assert (small, larger) == (2, 2)
