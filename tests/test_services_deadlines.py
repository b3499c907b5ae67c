"""The year's deadlines: entered in Danish time, stored in UTC, given ones in order."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from prize.actor import Actor
from prize.errors import InvalidInput, NotAllowed, NotFound
from prize.models import AuditEntry, PrizeYear
from prize.phases import Phase
from prize.roles import Role
from prize.schedule import Deadlines, as_danish_time, first_out_of_order, in_danish_time
from prize.services import years
from tests.factories import actor_of, make_user, make_year

# The 2020 call, in Danish time: winter (UTC+1) except nothing here is in summer.
CALL_2020 = Deadlines(
    nominations_open_at=in_danish_time(datetime(2019, 10, 1, 9, 0)),
    nomination_deadline=in_danish_time(datetime(2020, 1, 15, 12, 0)),
    screening_deadline=in_danish_time(datetime(2020, 2, 14, 16, 0)),
    final_deadline=in_danish_time(datetime(2020, 3, 6, 16, 0)),
    decision_date=date(2020, 3, 25))


@pytest.fixture
def secretariat(session) -> Actor:
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


@pytest.fixture
def year(session) -> PrizeYear:
    return make_year(session, year=2020, phase=Phase.DRAFT)


def _stored(session, year: PrizeYear) -> tuple:
    session.expire_all()
    fresh = session.get(PrizeYear, year.id)
    audit = session.scalars(select(AuditEntry.id).where(AuditEntry.action == "year.deadlines_set")).all()
    return Deadlines.of(fresh), audit


# --- set_deadlines ---------------------------------------------------------------------------

def test_deadlines_entered_in_danish_time_are_stored_in_utc(session, secretariat, year):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    stored, _ = _stored(session, year)
    assert stored == Deadlines(
        nominations_open_at=datetime(2019, 10, 1, 7, 0, tzinfo=UTC),
        nomination_deadline=datetime(2020, 1, 15, 11, 0, tzinfo=UTC),
        screening_deadline=datetime(2020, 2, 14, 15, 0, tzinfo=UTC),
        final_deadline=datetime(2020, 3, 6, 15, 0, tzinfo=UTC), decision_date=date(2020, 3, 25))


def test_the_stored_deadlines_read_back_timezone_aware_in_utc(session, secretariat, year):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    stored, _ = _stored(session, year)
    assert (stored.nomination_deadline.tzinfo, stored.nomination_deadline == CALL_2020.nomination_deadline) == (
        UTC, True)


def test_the_service_returns_the_year_with_its_new_deadlines(session, secretariat, year):
    info = years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    assert Deadlines.of(info) == CALL_2020.in_utc()


def test_deadlines_may_be_left_out(session, secretariat, year):
    partial = Deadlines(nomination_deadline=CALL_2020.nomination_deadline, decision_date=date(2020, 3, 25))

    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=partial)

    assert _stored(session, year)[0] == partial.in_utc()


def test_a_deadline_can_be_cleared_again(session, secretariat, year):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    years.set_deadlines(session, actor=secretariat, year_id=year.id,
                        deadlines=replace(CALL_2020, screening_deadline=None))

    assert _stored(session, year)[0].screening_deadline is None


def test_setting_deadlines_is_audited_with_the_dates_that_changed(session, secretariat, year):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=replace(
        CALL_2020, nomination_deadline=in_danish_time(datetime(2020, 1, 20, 12, 0)), decision_date=None))

    entries = session.execute(select(AuditEntry.actor_label, AuditEntry.entity_id, AuditEntry.old_value,
                                     AuditEntry.new_value).where(AuditEntry.action == "year.deadlines_set")
                              .order_by(AuditEntry.id)).tuples().all()
    assert entries[1:] == [(
        "Mette Kjær Lauridsen (sekretariat)", year.id,
        '{"decision_date": "2020-03-25", "nomination_deadline": "2020-01-15 11:00:00+00:00"}',
        '{"decision_date": null, "nomination_deadline": "2020-01-20 11:00:00+00:00"}')]


def test_the_same_deadlines_again_are_not_audited(session, secretariat, year):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)

    assert len(_stored(session, year)[1]) == 1


@pytest.mark.parametrize(("changes", "message"), [
    pytest.param({"nominations_open_at": in_danish_time(datetime(2020, 1, 16, 9, 0))},
                 "«Indkaldelsen åbner» (16. januar 2020 kl. 09:00) skal ligge før «Frist for indstilling» "
                 "(15. januar 2020 kl. 12:00). Ret en af de to datoer.", id="opens-after-deadline"),
    pytest.param({"screening_deadline": in_danish_time(datetime(2020, 1, 15, 12, 0))},
                 "«Frist for indstilling» (15. januar 2020 kl. 12:00) skal ligge før «Frist for første bedømmelse» "
                 "(15. januar 2020 kl. 12:00). Ret en af de to datoer.", id="screening-at-the-same-moment"),
    pytest.param({"final_deadline": in_danish_time(datetime(2020, 2, 1, 16, 0))},
                 "«Frist for første bedømmelse» (14. februar 2020 kl. 16:00) skal ligge før «Frist for "
                 "finalebedømmelse» (1. februar 2020 kl. 16:00). Ret en af de to datoer.", id="final-before-screening"),
    pytest.param({"decision_date": date(2020, 3, 6)},
                 "«Frist for finalebedømmelse» (6. marts 2020 kl. 16:00) skal ligge før «Regionsrådets møde» "
                 "(6. marts 2020). Ret en af de to datoer.", id="council-on-the-final-deadline-day"),
    pytest.param({"nomination_deadline": None, "screening_deadline": None,
                  "final_deadline": in_danish_time(datetime(2019, 9, 30, 16, 0))},
                 "«Indkaldelsen åbner» (1. oktober 2019 kl. 09:00) skal ligge før «Frist for finalebedømmelse» "
                 "(30. september 2019 kl. 16:00). Ret en af de to datoer.", id="order-across-missing-ones"),
])
def test_deadlines_out_of_order_are_refused_naming_both_and_nothing_is_stored(
        session, secretariat, year, changes, message):
    years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=CALL_2020)
    before = _stored(session, year)

    with pytest.raises(InvalidInput) as refused:
        years.set_deadlines(session, actor=secretariat, year_id=year.id, deadlines=replace(CALL_2020, **changes))

    assert (refused.value.message("da"), _stored(session, year)) == (message, before)


def test_the_refusal_names_the_dates_in_english_for_an_english_reader(session, secretariat, year):
    with pytest.raises(InvalidInput) as refused:
        years.set_deadlines(session, actor=secretariat, year_id=year.id,
                            deadlines=replace(CALL_2020, decision_date=date(2020, 3, 1)))

    assert refused.value.message("en", plain=True) == (
        "“Final round deadline” (6 March 2020, 16:00) must come before “Regional council meeting” (1 March 2020). "
        "Correct one of the two dates.")


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_another_role_cannot_set_deadlines(session, year, role):
    actor = actor_of(make_user(session, role=role))
    before = _stored(session, year)

    with pytest.raises(NotAllowed):
        years.set_deadlines(session, actor=actor, year_id=year.id, deadlines=CALL_2020)

    assert _stored(session, year) == before


def test_deadlines_of_an_unknown_year_are_not_found(session, secretariat):
    with pytest.raises(NotFound):
        years.set_deadlines(session, actor=secretariat, year_id=999, deadlines=CALL_2020)


def test_a_naive_moment_is_a_bug_not_a_danish_time(session, secretariat, year):
    with pytest.raises(ValueError):
        years.set_deadlines(session, actor=secretariat, year_id=year.id,
                            deadlines=Deadlines(nomination_deadline=datetime(2020, 1, 15, 12, 0)))


# --- The pure rules --------------------------------------------------------------------------

def test_a_summer_moment_in_danish_time_is_two_hours_ahead_of_utc():
    assert in_danish_time(datetime(2020, 7, 15, 13, 0)).astimezone(UTC) == datetime(2020, 7, 15, 11, 0, tzinfo=UTC)


def test_no_moment_entered_is_no_moment():
    assert in_danish_time(None) is None


def test_a_stored_summer_moment_is_shown_as_danish_wall_clock_time():
    assert as_danish_time(datetime(2020, 7, 15, 11, 0, tzinfo=UTC)) == datetime(2020, 7, 15, 13, 0)


def test_deadlines_in_order_have_nothing_out_of_order():
    assert first_out_of_order(CALL_2020) is None


def test_no_deadlines_at_all_are_in_order():
    assert first_out_of_order(Deadlines()) is None


def test_the_final_deadline_the_evening_before_the_council_meets_is_in_order():
    evening = Deadlines(final_deadline=in_danish_time(datetime(2020, 3, 24, 23, 59)), decision_date=date(2020, 3, 25))

    assert first_out_of_order(evening) is None


def test_the_first_pair_out_of_order_is_named():
    muddled = replace(CALL_2020, screening_deadline=CALL_2020.final_deadline,
                      final_deadline=CALL_2020.screening_deadline)

    assert first_out_of_order(muddled) == ("screening_deadline", "final_deadline")
