import pytest
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import NotAllowed
from prize.models import ScoringRound
from prize.models.round import RoundKind
from prize.phases import NominationStatus, Phase
from prize.queries.scoring import WORKLIST_COLUMNS
from prize.queries.users import user_by_username
from prize.queries.years import current_year, scoring_round, year_by_number
from prize.roles import Role
from prize.services import years
from prize.services.scoring import Worklist, juror_worklist
from prize.services.years import YearInfo
from tests.factories import (actor_of, make_body, make_conflict, make_finalist, make_nomination, make_sheet,
                             make_user, make_year)

# The 13 demo candidates, in the order of their names.
DEMO_CANDIDATES = [
    "Bakkekær", "Bådsted", "Egehoved-klyngen", "Gyvelund", "Hørbjerg", "Klitbjerg-klyngen", "Kvolsbæk",
    "Lindådalens landsbyklynge", "Rugbjerg", "Sandkær Strand", "Stenhøj Vestermark", "Ulvedal",
    "Vesterkær Sogn",
]


def _scored(**scored_by_candidate: int) -> dict[str, int]:
    """Criteria scored per demo candidate: 0 unless given."""
    return {name: scored_by_candidate.get(name, 0) for name in DEMO_CANDIDATES}


def _demo_worklist(engine, username: str) -> Worklist:
    with Session(engine) as session:
        actor = actor_of(user_by_username(session, username))
        return juror_worklist(session, actor=actor, year=YearInfo.of(year_by_number(session, 2020)))


def _scored_by_name(worklist: Worklist) -> dict[str, int]:
    return dict(zip(worklist.candidates["name"], worklist.candidates["scored"].astype(int), strict=True))


def _conflicts_of(worklist: Worklist) -> list[str]:
    return worklist.candidates.loc[worklist.candidates["conflict"].astype(bool), "name"].tolist()


def test_a_juror_sees_every_demo_candidate_in_name_order(demo_engine):
    worklist = _demo_worklist(demo_engine, "jury1")

    assert (worklist.candidates["name"].tolist(), list(worklist.candidates.columns)) == (
        sorted(DEMO_CANDIDATES), WORKLIST_COLUMNS)


def test_the_screening_worklist_is_open_with_seven_criteria(demo_engine):
    worklist = _demo_worklist(demo_engine, "jury1")

    assert (worklist.round_kind, worklist.is_open, worklist.criteria_count) == (RoundKind.SCREENING, True, 7)


@pytest.mark.parametrize(("username", "conflicts"), [
    ("jury1", ["Ulvedal"]),
    ("jury2", ["Klitbjerg-klyngen"]),
    ("jury3", []),
    ("jury4", []),
])
def test_the_conflict_flag_is_set_exactly_for_the_jurors_own_conflicts(demo_engine, username, conflicts):
    worklist = _demo_worklist(demo_engine, username)

    assert _conflicts_of(worklist) == conflicts


@pytest.mark.parametrize(("username", "scored", "submitted", "to_score"), [
    ("jury1", _scored(**{name: 7 for name in DEMO_CANDIDATES if name != "Ulvedal"}), 12, 12),
    ("jury2", _scored(**{"Stenhøj Vestermark": 7, "Lindådalens landsbyklynge": 7, "Vesterkær Sogn": 7,
                         "Bakkekær": 7, "Kvolsbæk": 7, "Gyvelund": 7}), 6, 12),
    ("jury3", _scored(**{"Egehoved-klyngen": 7, "Lindådalens landsbyklynge": 7, "Hørbjerg": 7,
                         "Sandkær Strand": 4}), 3, 13),
    ("jury4", _scored(), 0, 13),
], ids=["jury1", "jury2", "jury3", "jury4"])
def test_a_juror_sees_their_own_progress_only(demo_engine, username, scored, submitted, to_score):
    worklist = _demo_worklist(demo_engine, username)

    assert (_scored_by_name(worklist), worklist.submitted, worklist.to_score) == (scored, submitted, to_score)


def test_in_the_shortlist_phase_the_screening_worklist_is_shown_closed(demo_engine):
    with Session(demo_engine) as session:
        secretariat = actor_of(user_by_username(session, "sekretariat"))
        year = year_by_number(session, 2020)
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=year.phase, target=Phase.SHORTLIST,
                         confirm_missing=42)

        worklist = juror_worklist(session, actor=actor_of(user_by_username(session, "jury1")), year=YearInfo.of(year))

    assert (worklist.round_kind, worklist.is_open, worklist.submitted) == (RoundKind.SCREENING, False, 12)


@pytest.mark.parametrize("phase", [Phase.DRAFT, Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED, Phase.ARCHIVED],
                         ids=lambda phase: phase.value)
def test_before_judging_and_after_the_year_the_worklist_is_empty_and_closed(session, phase):
    year = make_year(session, phase=phase)
    make_nomination(session, year=year, body=make_body(session))
    juror = make_user(session, role=Role.JUROR)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert (worklist.round_kind, worklist.is_open, worklist.criteria_count, len(worklist.candidates),
            list(worklist.candidates.columns)) == (None, False, 0, 0, WORKLIST_COLUMNS)


def test_the_final_round_lists_only_the_finalists(session):
    year = make_year(session, phase=Phase.FINAL_ROUND)
    body = make_body(session)
    finalist = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark", status=NominationStatus.ELIGIBLE)
    make_nomination(session, year=year, body=body, name="Lindådalens landsbyklynge",
                    status=NominationStatus.ELIGIBLE)
    make_finalist(session, nomination=finalist)
    juror = make_user(session, role=Role.JUROR)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert (worklist.round_kind, worklist.is_open, worklist.candidates["name"].tolist()) == (
        RoundKind.FINAL, True, ["Stenhøj Vestermark"])


def test_scores_of_the_screening_round_do_not_count_in_the_final_round(session):
    year = make_year(session, phase=Phase.FINAL_ROUND)
    nomination = make_nomination(session, year=year, body=make_body(session), status=NominationStatus.ELIGIBLE)
    make_finalist(session, nomination=nomination)
    juror = make_user(session, role=Role.JUROR)
    make_sheet(session, round=scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING), juror=juror,
               nomination=nomination, values=[4] * 7, submitted=True)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert (_scored_by_name(worklist), worklist.submitted) == ({"Stenhøj Vestermark": 0}, 0)


def test_a_conflict_declared_by_the_juror_shows_in_their_worklist(session):
    year = make_year(session, phase=Phase.SCREENING)
    body = make_body(session)
    conflicted = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark", status=NominationStatus.ELIGIBLE)
    make_nomination(session, year=year, body=body, name="Lindådalens landsbyklynge",
                    status=NominationStatus.ELIGIBLE)
    juror = make_user(session, role=Role.JUROR)
    make_conflict(session, juror=juror, nomination=conflicted)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert (_conflicts_of(worklist), worklist.to_score) == (["Stenhøj Vestermark"], 1)


def test_a_submitted_sheet_whose_juror_is_recused_afterwards_counts_once_as_done(session):
    year = make_year(session, phase=Phase.SCREENING)
    body = make_body(session)
    recused = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark",
                              status=NominationStatus.ELIGIBLE)
    make_nomination(session, year=year, body=body, name="Lindådalens landsbyklynge",
                    status=NominationStatus.ELIGIBLE)
    juror = make_user(session, role=Role.JUROR)
    make_sheet(session, round=scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING), juror=juror,
               nomination=recused, submitted=True)
    make_conflict(session, juror=juror, nomination=recused)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert (worklist.done, worklist.submitted, worklist.conflicts, len(worklist.candidates)) == (1, 0, 1, 2)


def test_only_eligible_nominations_reach_the_jurors_worklist(session):
    year = make_year(session, phase=Phase.SCREENING)
    body = make_body(session)
    for name, status in (("Bakkekær", NominationStatus.ELIGIBLE), ("Ulvedal", NominationStatus.SUBMITTED),
                         ("Kvolsbæk", NominationStatus.INELIGIBLE), ("Rugbjerg", NominationStatus.DRAFT),
                         ("Gyvelund", NominationStatus.WITHDRAWN)):
        make_nomination(session, year=year, body=body, name=name, status=status)
    juror = make_user(session, role=Role.JUROR)

    worklist = juror_worklist(session, actor=actor_of(juror), year=YearInfo.of(year))

    assert worklist.candidates["name"].tolist() == ["Bakkekær"]


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.NOMINATOR])
def test_only_jurors_have_a_worklist(session, role):
    year = make_year(session, phase=Phase.SCREENING)
    actor = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed) as refused:
        juror_worklist(session, actor=actor, year=YearInfo.of(year))

    assert refused.value.message("da") == "Du har ikke adgang til denne handling."


@pytest.mark.parametrize(("phase", "deadline_field"), [
    (Phase.SCREENING, "screening_deadline"), (Phase.SHORTLIST, "screening_deadline"),
    (Phase.FINAL_ROUND, "final_deadline"), (Phase.RECOMMENDATION, "final_deadline")])
def test_the_worklist_carries_the_deadline_of_its_round(demo_engine, phase, deadline_field):
    with Session(demo_engine) as session:
        year = current_year(session)
        year.phase = phase
        for kind in (RoundKind.SCREENING, RoundKind.FINAL):
            if scoring_round(session, year_id=year.id, kind=kind) is None:
                session.add(ScoringRound(year_id=year.id, kind=kind))
        session.flush()
        juror = Actor.of(user_by_username(session, "jury1"))

        worklist = juror_worklist(session, actor=juror, year=YearInfo.of(year))

        assert worklist.deadline == getattr(year, deadline_field)
