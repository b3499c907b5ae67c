"""The rule book asked about one stored nomination: its body, its deadline, a reopening."""

from datetime import UTC, datetime, timedelta

import pytest

from prize.errors import DeadlinePassed, NotAllowed, NotFound
from prize.permissions import Action
from prize.phases import Phase
from prize.roles import Role
from prize.services.reach import closing_moment, require_on_nomination
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year

DEADLINE = datetime(2020, 1, 15, 11, 0, tzinfo=UTC)


@pytest.fixture
def nomination(session):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
    year.nomination_deadline = DEADLINE
    return make_nomination(session, year=year, body=make_body(session))


def test_a_nominator_of_the_body_may_edit_before_the_deadline(session, nomination):
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))

    reach = require_on_nomination(session, actor=nominator, action=Action.EDIT_NOMINATION,
                                  nomination_id=nomination.id, now=DEADLINE - timedelta(minutes=1))

    assert (reach.nomination_id, closing_moment(reach)) == (nomination.id, DEADLINE)


def test_after_the_deadline_the_edit_is_refused_unless_the_nomination_is_reopened(session, nomination):
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))
    later = DEADLINE + timedelta(hours=1)

    with pytest.raises(DeadlinePassed):
        require_on_nomination(session, actor=nominator, action=Action.EDIT_NOMINATION,
                              nomination_id=nomination.id, now=later)
    nomination.reopened_until = DEADLINE + timedelta(days=2)
    session.flush()
    reach = require_on_nomination(session, actor=nominator, action=Action.EDIT_NOMINATION,
                                  nomination_id=nomination.id, now=later)

    assert closing_moment(reach) == DEADLINE + timedelta(days=2)


def test_another_bodys_nominator_is_refused(session, nomination):
    other = actor_of(make_user(session, role=Role.NOMINATOR, body=make_body(session, name="LAG Djursland")))

    with pytest.raises(NotAllowed):
        require_on_nomination(session, actor=other, action=Action.EDIT_NOMINATION, nomination_id=nomination.id,
                              now=DEADLINE - timedelta(minutes=1))


def test_an_unknown_id_is_refused_like_a_foreign_one_to_a_nominator_and_not_found_to_the_secretariat(session, nomination):
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=nomination.nominating_body))
    secretariat = actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat.test"))

    with pytest.raises(NotAllowed):
        require_on_nomination(session, actor=nominator, action=Action.EDIT_NOMINATION, nomination_id=99999)
    with pytest.raises(NotFound):
        require_on_nomination(session, actor=secretariat, action=Action.VIEW_NOMINATION, nomination_id=99999)
