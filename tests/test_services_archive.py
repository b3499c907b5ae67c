"""The archive: every year with its winner, finalists and number of nominations; past
winners entered by hand feed the nominations' quarantine; a new year starts as a copy."""

import json
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from prize.eligibility import Check, Failure
from prize.errors import InvalidInput, NotAllowed
from prize.models import AuditEntry, CouncilDecision, PrizeYear
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services import years
from prize.services.archive import PastWinner, archive_of, enter_past_winner
from prize.services.review import nominations_review
from prize.services.shortlist import set_shortlist_rule
from tests.factories import (actor_of, make_attachment, make_body, make_final_year, make_nomination, make_reference,
                             make_user, make_winner, make_year)

TODAY = date(2024, 1, 10)
IDOM_RASTED = PastWinner(year=2019, name="Idom-Råsted", municipality="Holstebro", villages=("Idom", "Råsted"),
                         prize_amount=150_000, decided_on=date(2019, 3, 27))


@pytest.fixture
def secretariat(session):
    make_reference(session)
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _decisions(session) -> int:
    return session.scalar(select(func.count()).select_from(CouncilDecision))


def test_a_past_winner_entered_by_hand_is_an_archived_year_with_its_winner_and_no_scores(session, secretariat):
    decision_id = enter_past_winner(session, actor=secretariat, winner=IDOM_RASTED, today=TODAY)

    year = session.scalar(select(PrizeYear).where(PrizeYear.year == 2019))
    entry = session.execute(select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.new_value)
                            .where(AuditEntry.entity == "council_decision")).one()
    assert ((year.phase, year.title), entry.action, entry.entity_id, json.loads(entry.new_value)) == (
        (Phase.ARCHIVED, "Landsbyprisen 2019"), "decision.entered_by_hand", decision_id,
        {"year": 2019, "winner": "Idom-Råsted", "villages": "Idom, Råsted", "municipality": "Holstebro",
         "prize_amount": 150_000, "decided_on": "2019-03-27", "note": ""})


@pytest.mark.parametrize(("changes", "message"), [
    ({"year": 2008}, "Året skal ligge mellem 2009 og 2023."),
    ({"year": 2024}, "Året skal ligge mellem 2009 og 2023."),
    ({"name": " "}, "Feltet «Vinder» skal udfyldes."),
    ({"municipality": "Odense"}, "Vælg en af regionens kommuner («Odense» findes ikke)."),
    ({"prize_amount": 0}, "Præmien skal være et helt antal kroner over 0 og højst 10000000 kr."),
], ids=["before-2009", "this-year", "no-name", "outside-the-region", "no-amount"])
def test_an_impossible_past_winner_is_refused_and_nothing_stored(session, secretariat, changes, message):
    winner = PastWinner(**(IDOM_RASTED.__dict__ | changes))

    with pytest.raises(InvalidInput) as refused:
        enter_past_winner(session, actor=secretariat, winner=winner, today=TODAY)

    assert (refused.value.message("da", plain=True), _decisions(session),
            session.scalar(select(func.count()).select_from(PrizeYear))) == (message, 0, 0)


def test_a_year_the_app_has_cannot_be_entered_by_hand(session, secretariat):
    make_year(session, year=2019, phase=Phase.ARCHIVED)

    with pytest.raises(InvalidInput) as refused:
        enter_past_winner(session, actor=secretariat, winner=IDOM_RASTED, today=TODAY)

    assert (refused.value.key, _decisions(session)) == ("archive.error.year_exists", 0)


def test_only_the_secretariat_enters_past_winners(session, secretariat):
    juror = actor_of(make_user(session, role=Role.JUROR))

    with pytest.raises(NotAllowed):
        enter_past_winner(session, actor=juror, winner=IDOM_RASTED, today=TODAY)

    assert _decisions(session) == 0


def test_the_archive_lists_every_year_newest_first_with_winner_finalists_and_nominations(session, secretariat):
    year, finalists = make_final_year(session, year=2023, phase=Phase.DECIDED)
    make_nomination(session, year=year, body=make_body(session), name="Ulvedal", status=NominationStatus.INELIGIBLE)
    make_nomination(session, year=year, body=make_body(session), name="Kladdeby", status=NominationStatus.DRAFT)
    make_winner(session, year=year, nomination=finalists["Skjød"])
    enter_past_winner(session, actor=secretariat, winner=IDOM_RASTED, today=TODAY)

    archive = archive_of(session, actor=secretariat)

    assert_frame_equal(archive.drop(columns=["phase", "prize_amount", "decided_on"]), pd.DataFrame({
        "year": [2023, 2019], "winner": ["Skjød", "Idom-Råsted"], "municipality": ["Favrskov", "Holstebro"],
        "finalists": [("Løvel", "Skjød", "Asferg"), ()], "nominations": [4, None],
        "entered_by_hand": [False, True]}), check_dtype=False)


def test_a_winner_entered_by_hand_counts_for_the_quarantine_of_a_later_nomination(session, secretariat):
    enter_past_winner(session, actor=secretariat, winner=IDOM_RASTED, today=TODAY)
    year = make_year(session, year=2021, phase=Phase.NOMINATIONS_CLOSED)
    nomination = make_nomination(session, year=year, body=make_body(session), name="Råsted")
    nomination.summary = "Landsbyen ved åen."
    make_attachment(session, nomination=nomination)

    frame = nominations_review(session, actor=secretariat, year_id=year.id, quarantine_years=5)

    assert list(frame["precheck"]) == [
        (Failure(Check.NOT_RECENT_WINNER, {"winner": "Idom-Råsted", "won": 2019, "years": 5}),)]


# --- A new year starts as a copy of the one before --------------------------------------------

def test_a_new_year_copies_the_amount_number_of_finalists_and_method_of_the_year_before(session, secretariat):
    earlier = make_year(session, year=2022, phase=Phase.DRAFT, prize_amount=175_000)
    set_shortlist_rule(session, actor=secretariat, year_id=earlier.id, method="median", finalist_count=4)

    created = years.create_year(session, actor=secretariat, year=2023, title="Landsbyprisen 2023")

    assert (created.phase, created.prize_amount, created.finalist_count, created.ranking_method) == (
        Phase.DRAFT, 175_000, 4, "median")


def test_a_new_year_copies_from_the_last_year_run_in_the_app_not_from_a_winner_entered_by_hand(session, secretariat):
    make_year(session, year=2018, phase=Phase.ARCHIVED, finalist_count=3)
    enter_past_winner(session, actor=secretariat, winner=IDOM_RASTED, today=TODAY)

    created = years.create_year(session, actor=secretariat, year=2020, title="Landsbyprisen 2020")

    audit = json.loads(session.scalar(select(AuditEntry.new_value).where(AuditEntry.action == "year.created",
                                                                         AuditEntry.entity_id == created.id)))
    assert (created.finalist_count, audit["criteria_from"]) == (3, 2018)
