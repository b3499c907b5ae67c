from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.errors import PrizeError
from prize.models import (Base, Conflict, Criterion, Municipality, NominatingBody, Nomination, PrizeYear,
                          ScoreSheet, ScoringRound, SdgGoal, User)
from prize.phases import Phase
from prize.roles import Role
from prize.services.demo import DemoSummary, database_is_empty, load_demo_year
from tests.factories import TEST_BCRYPT_ROUNDS, make_reference, make_user


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _row_counts(session) -> dict[str, int]:
    return {table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables}


def test_the_demo_year_loads_into_an_empty_database(session):
    summary = load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert summary == DemoSummary(year=2020, nominations=13, users=9, sheets=22)


def test_the_demo_brings_its_candidates_users_bodies_and_reference_data(session):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    counts = {model.__name__: _count(session, model)
              for model in (Nomination, User, NominatingBody, Municipality, SdgGoal, Criterion, Conflict,
                            ScoreSheet, ScoringRound)}
    assert counts == {"Nomination": 13, "User": 9, "NominatingBody": 11, "Municipality": 19, "SdgGoal": 17,
                      "Criterion": 7, "Conflict": 2, "ScoreSheet": 22, "ScoringRound": 1}


def test_the_demo_has_one_user_of_each_office_and_five_jurors(session):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    roles = dict(session.execute(select(User.role, func.count()).group_by(User.role)).tuples().all())
    assert roles == {Role.SECRETARIAT: 1, Role.NOMINATOR: 2, Role.VILLAGE: 1, Role.JUROR: 5}


def test_the_demo_year_is_in_screening_with_danish_deadlines(session):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    year = session.scalars(select(PrizeYear)).one()
    assert (year.phase, year.is_demo, year.nomination_deadline, year.decision_date) == (
        Phase.SCREENING, True, datetime(2020, 1, 15, 11, 0, tzinfo=UTC), date(2020, 3, 25))


def test_the_demo_refuses_a_database_that_has_data_and_changes_nothing(session):
    make_reference(session)
    make_user(session, role=Role.SECRETARIAT, username="sekretariat")
    before = _row_counts(session)

    with pytest.raises(PrizeError) as refused:
        load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

    assert (refused.value.message("da"), _row_counts(session)) == (
        "Databasen er ikke tom; demoåret indlæses kun i en tom database.", before)


def test_the_demo_loads_only_once(demo_engine):
    with Session(demo_engine) as session:
        with pytest.raises(PrizeError) as refused:
            load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS)

        assert (refused.value.key, _count(session, Nomination)) == ("errors.demo_data_present", 13)


def test_reference_data_alone_leaves_the_database_empty_for_the_demo(session):
    make_reference(session)

    assert database_is_empty(session) is True


def test_a_user_makes_the_database_non_empty(session):
    make_user(session, role=Role.JUROR)

    assert database_is_empty(session) is False
