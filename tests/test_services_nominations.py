from dataclasses import replace

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy.orm import Session

from prize.errors import NotAllowed
from prize.models import CandidateKind
from prize.phases import NominationStatus, Phase
from prize.queries.users import user_by_username
from prize.queries.years import year_by_number
from prize.roles import Role
from prize.services.nominations import own_nominations
from tests.factories import actor_of, make_body, make_nomination, make_user, make_year
from tests.statements import count_statements

SHOWN = ["name", "villages", "kind", "municipality", "nominating_body", "status"]


def _own_nominations_of(engine, username: str) -> pd.DataFrame:
    with Session(engine) as session:
        actor = actor_of(user_by_username(session, username))
        return own_nominations(session, actor=actor, year_id=year_by_number(session, 2020).id)


def _expected(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SHOWN)


def test_a_lag_nominator_sees_exactly_the_nominations_of_their_lag(demo_engine):
    frame = _own_nominations_of(demo_engine, "lag.randers")

    assert_frame_equal(frame[SHOWN], _expected([
        ("Lindådalens landsbyklynge", "Øster Lindå, Vester Lindå, Lindå Mølle, Kratbjerg", CandidateKind.CLUSTER,
         "Favrskov", "LAG Randers-Favrskov", NominationStatus.ELIGIBLE),
        ("Stenhøj Vestermark", "Stenhøj Vestermark", CandidateKind.VILLAGE, "Randers", "LAG Randers-Favrskov",
         NominationStatus.ELIGIBLE),
    ]))


def test_a_municipal_nominator_sees_the_one_nomination_of_their_municipality(demo_engine):
    frame = _own_nominations_of(demo_engine, "kommune.samsoe")

    assert frame["name"].tolist() == ["Bådsted"]


def test_a_village_contact_sees_only_their_own_nomination(demo_engine):
    frame = _own_nominations_of(demo_engine, "ildsjael")

    assert_frame_equal(frame[SHOWN], _expected([
        ("Stenhøj Vestermark", "Stenhøj Vestermark", CandidateKind.VILLAGE, "Randers", "LAG Randers-Favrskov",
         NominationStatus.ELIGIBLE),
    ]))


def test_a_nominator_sees_only_the_asked_years_nominations(session):
    body = make_body(session)
    last_year = make_year(session, year=2019, phase=Phase.ARCHIVED)
    this_year = make_year(session, year=2020, phase=Phase.NOMINATIONS_OPEN)
    make_nomination(session, year=last_year, body=body, name="Stenhøj Vestermark")
    make_nomination(session, year=this_year, body=body, name="Lindådalens landsbyklynge",
                    status=NominationStatus.DRAFT)
    nominator = make_user(session, role=Role.NOMINATOR, body=body)

    frame = own_nominations(session, actor=actor_of(nominator), year_id=this_year.id)

    assert frame[["name", "status"]].values.tolist() == [["Lindådalens landsbyklynge", NominationStatus.DRAFT]]


def test_a_nominator_whose_body_has_no_nominations_sees_an_empty_list(session):
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
    nominator = make_user(session, role=Role.NOMINATOR, body=make_body(session, name="LAG Djursland",
                                                                       municipalities=["Norddjurs", "Syddjurs"]))

    frame = own_nominations(session, actor=actor_of(nominator), year_id=year.id)

    assert (len(frame), list(frame.columns)) == (
        0, ["id", "name", "villages", "kind", "municipality", "nominating_body_id", "nominating_body",
            "contact_name", "status", "submitted_at", "missing", "closes_at", "open_for_edits", "standing"])


@pytest.mark.parametrize("role", [Role.JUROR, Role.SECRETARIAT])
def test_jurors_and_the_secretariat_have_no_own_nominations(session, role):
    year = make_year(session)
    actor = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed) as refused:
        own_nominations(session, actor=actor, year_id=year.id)

    assert refused.value.message("da") == "Du har ikke adgang til denne handling."


def test_a_nominator_without_a_body_sees_no_nomination(session):
    year = make_year(session)
    make_nomination(session, year=year, body=make_body(session))
    actor = replace(actor_of(make_user(session, role=Role.NOMINATOR)), nominating_body_id=None)

    frame = own_nominations(session, actor=actor, year_id=year.id)

    assert frame["name"].tolist() == []


def test_a_village_contact_whose_nomination_is_gone_sees_no_nomination(session):
    year = make_year(session)
    nomination = make_nomination(session, year=year, body=make_body(session))
    contact = make_user(session, role=Role.VILLAGE, nomination=nomination)
    session.delete(nomination)
    session.flush()
    session.refresh(contact)
    make_nomination(session, year=year, body=make_body(session), name="Bådsted")

    frame = own_nominations(session, actor=actor_of(contact), year_id=year.id)

    assert frame["name"].tolist() == []


def test_a_nominators_list_takes_the_same_statements_for_one_and_for_eight_nominations(session):
    body = make_body(session)
    year = make_year(session, year=2020, phase=Phase.NOMINATIONS_OPEN)
    nominator = actor_of(make_user(session, role=Role.NOMINATOR, body=body))
    make_nomination(session, year=year, body=body, name="By 0")
    one = count_statements(session, lambda: own_nominations(session, actor=nominator, year_id=year.id))
    for number in range(1, 8):
        make_nomination(session, year=year, body=body, name=f"By {number}")

    eight = count_statements(session, lambda: own_nominations(session, actor=nominator, year_id=year.id))

    assert one == eight
    assert len(own_nominations(session, actor=nominator, year_id=year.id)) == 8
