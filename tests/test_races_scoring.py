"""Twenty jurors saving at once, on SQLite (WAL, busy timeout, BEGIN IMMEDIATE) and
PostgreSQL (row locks): no "database is locked", no lost update."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.db import session_scope
from prize.errors import StaleSave
from prize.models import Criterion, Score, ScoreSheet
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import scoring
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year

JURORS = 20
SECONDS = 1.5


def _arrange(engine):
    with session_scope(engine) as session:
        year = make_year(session, phase=Phase.SCREENING)
        nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)
        jurors = [actor_of(make_user(session, role=Role.JUROR, username=f"jury{index}")) for index in range(JURORS)]
        criterion = session.scalars(select(Criterion).where(Criterion.year_id == year.id)).first()
        round_id = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING).id
        return jurors, nomination.id, criterion.id, round_id


def test_twenty_jurors_saving_at_once_lose_no_update_and_never_see_a_locked_database(engine):
    jurors, nomination_id, criterion_id, round_id = _arrange(engine)
    start, errors = threading.Barrier(JURORS), []

    def save_repeatedly(index: int) -> tuple[int, int]:
        start.wait()
        version, saves, deadline = 0, 0, time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            try:
                with session_scope(engine) as session:
                    line = scoring.record_score(session, actor=jurors[index], round_id=round_id,
                                                nomination_id=nomination_id, criterion_id=criterion_id,
                                                value=1 + (saves % 5), expected_version=version)
                version, saves = line.version, saves + 1
            except Exception as error:  # noqa: BLE001 - every failure is counted
                errors.append(repr(error))
        return version, 1 + ((saves - 1) % 5)

    with ThreadPoolExecutor(max_workers=JURORS) as pool:
        finals = list(pool.map(save_repeatedly, range(JURORS)))
    with Session(engine) as session:
        stored = dict(session.execute(select(ScoreSheet.juror_id, Score.value).join(
            Score, Score.sheet_id == ScoreSheet.id).where(ScoreSheet.round_id == round_id)).all())

    assert errors == []
    assert stored == {juror.id: value for juror, (_, value) in zip(jurors, finals, strict=True)}


def test_two_tabs_saving_from_the_same_version_keep_the_first_and_refuse_the_second(engine):
    jurors, nomination_id, criterion_id, round_id = _arrange(engine)
    start = threading.Barrier(2)

    def save(value: int) -> object:
        start.wait()
        try:
            with session_scope(engine) as session:
                return scoring.record_score(session, actor=jurors[0], round_id=round_id,
                                            nomination_id=nomination_id, criterion_id=criterion_id, value=value,
                                            expected_version=0).value
        except StaleSave as error:
            return error.params["stored"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(save, [2, 5]))
    with Session(engine) as session:
        stored = session.scalars(select(Score.value)).all()

    # The first save wins; the second tab is told the value the first one stored.
    assert (stored, results) == ([stored[0]], [stored[0], stored[0]])
