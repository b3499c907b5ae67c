"""What a round's ranking is computed from (prize/services/ranking.py), on the demo year, on
both databases."""

from collections.abc import Iterator

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotAllowed
from prize.models import Criterion, Nomination, PrizeYear, ScoringRound, User
from prize.models.base import utcnow
from prize.phases import NominationStatus, RoundKind
from prize.queries.years import year_by_number
from prize.ranking import SCORE_COLUMNS, rank
from prize.services.ranking import ranking_inputs
from prize.services.years import YearInfo
from tests.factories import make_conflict


@pytest.fixture
def demo(demo_engine) -> Iterator[Session]:
    with Session(demo_engine) as session:
        yield session


def _user(session: Session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


def _id(session: Session, model, name: str) -> int:
    return session.scalars(select(model.id).where(model.name == name)).one()


def _year(session: Session) -> YearInfo:
    return YearInfo.of(year_by_number(session, 2020))


def _inputs(session: Session, username: str = "sekretariat", kind: RoundKind = RoundKind.SCREENING):
    return ranking_inputs(session, actor=Actor.of(_user(session, username)), year=_year(session), round_kind=kind)


def _sheets(inputs) -> dict[tuple[str, str], int]:
    """{(juror name, candidate name): how many scores count}."""
    pairs = inputs.scores.groupby(["juror", "nomination"]).size()
    return {(inputs.jurors[juror], inputs.nominations[nomination]): count
            for (juror, nomination), count in pairs.items()}


def test_the_inputs_hold_the_submitted_sheets_the_weights_and_the_names(demo):
    inputs = _inputs(demo)

    criteria = demo.scalars(select(Criterion.id).order_by(Criterion.position)).all()
    assert (list(inputs.scores.columns), len(inputs.scores), inputs.weights) == (
        SCORE_COLUMNS, 21 * 7, {criterion: 1.0 for criterion in criteria})
    assert list(inputs.jurors.values()) == ["Birgitte Thorsen", "Henrik Aagaard Lund", "Thomas Brix Nørgaard"]
    assert list(inputs.nominations.values()) == [
        "Bakkekær", "Bådsted", "Egehoved-klyngen", "Gyvelund", "Hørbjerg", "Klitbjerg-klyngen", "Kvolsbæk",
        "Lindådalens landsbyklynge", "Rugbjerg", "Sandkær Strand", "Stenhøj Vestermark", "Ulvedal",
        "Vesterkær Sogn"]


def test_a_sheet_still_in_progress_does_not_count(demo):
    inputs = _inputs(demo)

    # Thomas Brix Nørgaard has scored four criteria of Sandkær Strand without submitting.
    assert [pair for pair in _sheets(inputs) if pair[1] == "Sandkær Strand"] == [
        ("Henrik Aagaard Lund", "Sandkær Strand")]


def test_a_conflict_declared_after_the_sheet_was_submitted_takes_the_sheet_out(demo):
    henrik = _user(demo, "jury1")
    make_conflict(demo, juror=henrik, nomination=demo.get(Nomination, _id(demo, Nomination, "Egehoved-klyngen")))

    inputs = _inputs(demo)

    assert (len(inputs.scores), [pair for pair in _sheets(inputs) if pair[1] == "Egehoved-klyngen"]) == (
        20 * 7, [("Thomas Brix Nørgaard", "Egehoved-klyngen")])


def test_a_withdrawn_conflict_counts_no_longer(demo):
    henrik = _user(demo, "jury1")
    conflict = make_conflict(demo, juror=henrik,
                             nomination=demo.get(Nomination, _id(demo, Nomination, "Egehoved-klyngen")))
    conflict.withdrawn_at = utcnow()
    demo.flush()

    assert len(_inputs(demo).scores) == 21 * 7


def test_a_candidate_no_longer_in_competition_is_left_out(demo):
    demo.get(Nomination, _id(demo, Nomination, "Egehoved-klyngen")).status = NominationStatus.INELIGIBLE
    demo.flush()

    inputs = _inputs(demo)

    assert (len(inputs.scores), "Egehoved-klyngen" in inputs.nominations.values()) == (19 * 7, False)


def test_the_demo_ranking_by_the_weighted_mean(demo):
    inputs = _inputs(demo)

    result = rank(inputs.scores, inputs.weights)

    # All weights 1, so a juror's total is the sum of their seven scores / 7 (see data/demo/year.json):
    # Lindådalen (33 + 33 + 32) / 21; Egehoved (32 + 32) / 14; Stenhøj (29 + 32) / 14; Klitbjerg 30 / 7
    # (Birgitte Thorsen is conflicted); Kvolsbæk (30 + 29) / 14; Gyvelund (29 + 29) / 14; Vesterkær (27 + 27) / 14
    # and Rugbjerg 27 / 7 share 7th (listed here by name); Bakkekær (27 + 26) / 14; Hørbjerg (26 + 26) / 14;
    # Bådsted 24 / 7; Sandkær 22 / 7 (Thomas Brix Nørgaard's sheet is not submitted); Ulvedal has no scores.
    expected = pd.DataFrame([
        ("Lindådalens landsbyklynge", 98 / 21, 1, 3), ("Egehoved-klyngen", 64 / 14, 2, 2),
        ("Stenhøj Vestermark", 61 / 14, 3, 2), ("Klitbjerg-klyngen", 30 / 7, 4, 1), ("Kvolsbæk", 59 / 14, 5, 2),
        ("Gyvelund", 58 / 14, 6, 2), ("Rugbjerg", 27 / 7, 7, 1), ("Vesterkær Sogn", 54 / 14, 7, 2),
        ("Bakkekær", 53 / 14, 9, 2), ("Hørbjerg", 52 / 14, 10, 2), ("Bådsted", 24 / 7, 11, 1),
        ("Sandkær Strand", 22 / 7, 12, 1)], columns=["candidate", "score", "rank", "n_jurors"])
    named = result.assign(candidate=[inputs.nominations[each] for each in result.index])
    named = named.sort_values(["rank", "candidate"]).reset_index(drop=True)
    assert_frame_equal(named[["candidate", "score", "rank", "n_jurors"]], expected)


def test_the_final_round_before_it_opens_has_no_scores_and_no_candidates(demo):
    inputs = _inputs(demo, kind=RoundKind.FINAL)

    assert (len(inputs.scores), list(inputs.scores.columns), dict(inputs.nominations), dict(inputs.jurors)) == (
        0, SCORE_COLUMNS, {}, {})


def test_a_juror_sees_no_ranking_before_the_round_is_released(demo):
    with pytest.raises(NotAllowed):
        _inputs(demo, username="jury2")


def test_a_juror_sees_the_ranking_once_the_round_is_released(demo):
    year_id = demo.scalars(select(PrizeYear.id)).one()
    demo.scalars(select(ScoringRound).where(ScoringRound.year_id == year_id)).one().released_at = utcnow()
    demo.flush()

    assert len(_inputs(demo, username="jury2").scores) == 21 * 7


def test_criteria_that_all_weigh_nothing_are_refused_with_a_danish_message(demo):
    for criterion in demo.scalars(select(Criterion)):
        criterion.weight = 0.0
    demo.flush()

    with pytest.raises(InvalidInput) as refused:
        _inputs(demo)

    assert refused.value.message(plain=True) == (
        "De bedømte kriterier vejer alle 0, så bedømmelserne kan ikke lægges sammen. Giv mindst ét kriterium en "
        "vægt over 0.")
