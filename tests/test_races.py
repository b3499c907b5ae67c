"""Requests that arrive at the same moment: the lockout, the phase move and the last
secretariat user each hold, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.db import session_scope
from prize.errors import InvalidInput, PrizeError, YearMoved
from prize.models import AuditEntry, PrizeYear, User
from prize.phases import Phase
from prize.roles import Role
from prize.services import auth, nominations, users, years
from tests.factories import DEFAULT_PASSWORD, actor_of, make_body, make_nomination, make_user, make_year


def _at_once(count: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(i)`` in ``count`` threads released together; each result, or the
    PrizeError it raised."""
    start = threading.Barrier(count)

    def run(index: int) -> object:
        start.wait()
        try:
            return work(index)
        except PrizeError as error:
            return error

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _audited(engine, action: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


def test_twelve_wrong_passwords_sent_at_once_lock_the_account_and_the_right_one_then_fails(engine):
    with session_scope(engine) as session:
        make_user(session, role=Role.JUROR, username="jury1")

    def guess(_: int) -> auth.LoginAttempt:
        with session_scope(engine) as session:
            return auth.attempt_login(session, username="jury1", password="Forkert-hest-42")

    guesses = _at_once(12, guess)
    with session_scope(engine) as session:
        right = auth.attempt_login(session, username="jury1", password=DEFAULT_PASSWORD)
    with Session(engine) as session:
        user = session.scalars(select(User).where(User.username == "jury1")).one()

    assert ({attempt.actor for attempt in guesses}, right.actor, right.refusal.key) == (
        {None}, None, "errors.login_locked")
    assert (user.locked_until is not None, auth.MAX_FAILED_LOGINS <= user.failed_logins <= 12) == (True, True)
    assert _audited(engine, "user.locked") == 1


def test_twenty_moves_from_the_same_phase_at_once_leave_exactly_one_move(engine):
    with session_scope(engine) as session:
        year = make_year(session, phase=Phase.SCREENING)
        make_nomination(session, year=year, body=make_body(session))
        make_user(session, role=Role.JUROR)
        year_id = year.id
    secretariat = Actor.command_line()

    def move(_: int) -> object:
        with session_scope(engine) as session:
            return years.move_phase(session, actor=secretariat, year_id=year_id, expected=Phase.SCREENING,
                                    target=Phase.SHORTLIST)

    outcomes = _at_once(20, move)
    with Session(engine) as session:
        phase = session.get(PrizeYear, year_id).phase

    moved = [outcome for outcome in outcomes if isinstance(outcome, years.YearInfo)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, YearMoved)]
    assert (len(moved), len(refused), phase, _audited(engine, "year.phase_moved")) == (
        1, 19, Phase.SHORTLIST, 1)
    assert refused[0].message("da", plain=True) == (
        "Året er i mellemtiden flyttet og er nu i fasen «Udvælgelse af finalister». "
        "Siden viser nu den aktuelle fase; vælg igen.")


def test_two_secretaries_deactivating_each_other_at_once_leave_one_active_ten_times_in_a_row(engine):
    for attempt in range(10):
        with session_scope(engine) as session:
            pair = [make_user(session, role=Role.SECRETARIAT, username=f"sek{attempt}{side}") for side in "ab"]
            actors, ids = [actor_of(user) for user in pair], [user.id for user in pair]

        def deactivate_the_other(index: int) -> object:
            with session_scope(engine) as session:
                return users.set_active(session, actor=actors[index], user_id=ids[1 - index], active=False)

        outcomes = _at_once(2, deactivate_the_other)
        with Session(engine) as session:
            active = session.scalars(select(User.username).where(User.role == Role.SECRETARIAT,
                                                                 User.active.is_(True))).all()

        assert (len(active), sorted(type(outcome).__name__ for outcome in outcomes)) == (
            1, ["InvalidInput", "NoneType"]), f"attempt {attempt}"
        assert next(o for o in outcomes if isinstance(o, InvalidInput)).key == "errors.last_secretariat"
        with session_scope(engine) as session:  # the survivor steps down for the next attempt
            session.get(User, next(i for i in ids if session.get(User, i).active)).active = False


def test_five_nominations_of_one_body_created_at_once_stay_within_its_limit(engine):
    with session_scope(engine) as session:
        year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
        body = make_body(session)
        body.nomination_limit = 2
        nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=body))
        year_id, municipality_id = year.id, body.municipalities[0].id

    def create(index: int) -> object:
        with session_scope(engine) as session:
            return nominations.create_nomination(session, actor=nominator, year_id=year_id, name=f"Landsby {index}",
                                                 municipality_id=municipality_id)

    outcomes = _at_once(5, create)

    refusals = [outcome.key for outcome in outcomes if isinstance(outcome, PrizeError)]
    assert (refusals, _audited(engine, "nomination.created")) == (["errors.form.nomination_limit"] * 3, 2)
