"""A juror's score sheet: saving scores and comments, submitting and reopening, the
scale, stale saves, closed rounds, conflicts, independence and the material."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.errors import ConflictOfInterest, IncompleteSheet, InvalidInput, NotAllowed, ScoringClosed, StaleSave
from prize.models import AuditEntry, Criterion, Score
from prize.models.base import utcnow
from prize.phases import Independence, NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import material, scoring
from tests.factories import (actor_of, make_attachment, make_body, make_conflict, make_finalist, make_nomination,
                             make_sheet, make_user, make_year)


@pytest.fixture
def world(session: Session):
    """A year in screening with two eligible candidates and two jurors."""
    year = make_year(session, phase=Phase.SCREENING)
    body = make_body(session)
    candidate = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark",
                                status=NominationStatus.ELIGIBLE)
    other = make_nomination(session, year=year, body=body, name="Bakkekær", status=NominationStatus.ELIGIBLE)
    juror = make_user(session, role=Role.JUROR, name="Karen Lind")
    colleague = make_user(session, role=Role.JUROR, name="Jens Holm")
    round = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    criteria = session.scalars(select(Criterion).where(Criterion.year_id == year.id)
                               .order_by(Criterion.position)).all()
    return _World(session, year, candidate, other, juror, colleague, round, criteria)


class _World:
    def __init__(self, session, year, candidate, other, juror, colleague, round, criteria):
        self.session, self.year, self.candidate, self.other = session, year, candidate, other
        self.juror, self.colleague, self.round, self.criteria = juror, colleague, round, criteria

    def score(self, value, *, criterion=0, expected_version=0, juror=None, nomination=None):
        return scoring.record_score(
            self.session, actor=actor_of(juror or self.juror), round_id=self.round.id,
            nomination_id=(nomination or self.candidate).id, criterion_id=self.criteria[criterion].id,
            value=value, expected_version=expected_version)

    def sheet(self, juror=None):
        return scoring.sheet_view(self.session, actor=actor_of(juror or self.juror), round_id=self.round.id,
                                  nomination_id=self.candidate.id)

    def score_all(self, value=4, *, juror=None):
        for index in range(len(self.criteria)):
            self.score(value, criterion=index, juror=juror)

    def submit(self, *, juror=None, expected_version=1):
        return scoring.submit_sheet(self.session, actor=actor_of(juror or self.juror), round_id=self.round.id,
                                    nomination_id=self.candidate.id, expected_version=expected_version)


def _audit(session: Session, action: str) -> list[tuple[str | None, str | None]]:
    return [(entry.old_value, entry.new_value) for entry in session.scalars(
        select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id))]


# --- Saving a score -------------------------------------------------------------------------

def test_a_score_is_kept_at_once_and_each_change_is_audited_with_old_and_new_value(world):
    world.score(3)
    world.score(5, expected_version=1)

    assert (world.sheet().scores[world.criteria[0].id], _audit(world.session, "score.recorded")) == (
        scoring.ScoreLine(value=5, comment="", version=2),
        [('{"criterion": "Et attraktivt og gennemtænkt fysisk miljø", "nomination_id": %d, "value": null}'
          % world.candidate.id,
          '{"criterion": "Et attraktivt og gennemtænkt fysisk miljø", "nomination_id": %d, "value": 3}'
          % world.candidate.id),
         ('{"criterion": "Et attraktivt og gennemtænkt fysisk miljø", "nomination_id": %d, "value": 3}'
          % world.candidate.id,
          '{"criterion": "Et attraktivt og gennemtænkt fysisk miljø", "nomination_id": %d, "value": 5}'
          % world.candidate.id)])


def test_saving_what_is_stored_already_writes_no_audit_entry_and_keeps_the_version(world):
    ids = {"actor": actor_of(world.juror), "round_id": world.round.id, "nomination_id": world.candidate.id}
    world.score(3)
    scoring.record_criterion_comment(world.session, **ids, criterion_id=world.criteria[0].id, comment="Flot torv",
                                     expected_version=1)
    scoring.record_sheet_comment(world.session, **ids, comment="Stærk", expected_version=1)

    again = (world.score(3, expected_version=2),
             scoring.record_criterion_comment(world.session, **ids, criterion_id=world.criteria[0].id,
                                              comment="Flot torv", expected_version=2),
             scoring.record_sheet_comment(world.session, **ids, comment="Stærk", expected_version=2))
    audited = world.session.scalars(select(AuditEntry.action).where(AuditEntry.entity.in_(["score", "score_sheet"]))
                                    .order_by(AuditEntry.id)).all()

    assert (again, audited) == (
        (scoring.ScoreLine(value=3, comment="Flot torv", version=2),
         scoring.ScoreLine(value=3, comment="Flot torv", version=2), 2),
        ["score.recorded", "score.commented", "sheet.commented"])


@pytest.mark.parametrize("value", [0, 6, 2.5, "3", None, True], ids=["below", "above", "fraction", "text",
                                                                     "none", "bool"])
def test_a_score_off_the_scale_is_refused_in_danish_and_nothing_is_stored(world, value):
    with pytest.raises(InvalidInput) as refused:
        world.score(value)

    assert (refused.value.message("da"), world.session.scalars(select(Score)).all()) == (
        "Point for «Et attraktivt og gennemtænkt fysisk miljø» skal være et helt tal fra 1 til 5.", [])


def test_a_whole_number_given_as_a_float_is_kept_as_an_integer(world):
    line = world.score(4.0)

    assert line == scoring.ScoreLine(value=4, comment="", version=1)


def test_a_save_from_a_stale_tab_is_refused_with_the_stored_value_and_changes_nothing(world):
    world.score(2)

    with pytest.raises(StaleSave) as refused:
        world.score(5, expected_version=0)

    assert (refused.value.message("da"), world.sheet().scores[world.criteria[0].id].value) == (
        "«Et attraktivt og gennemtænkt fysisk miljø» er ændret i et andet vindue, siden du åbnede kandidaten. "
        "Den gemte værdi er 2. Din ændring er ikke gemt; arket viser nu det gemte.", 2)


def test_a_stale_overall_comment_is_refused_and_the_stored_one_stays(world):
    actor = actor_of(world.juror)
    scoring.record_sheet_comment(world.session, actor=actor, round_id=world.round.id,
                                 nomination_id=world.candidate.id, comment="Stærk", expected_version=1)

    with pytest.raises(StaleSave):
        scoring.record_sheet_comment(world.session, actor=actor, round_id=world.round.id,
                                     nomination_id=world.candidate.id, comment="Svag", expected_version=1)

    assert (world.sheet().comment, world.sheet().version) == ("Stærk", 2)


def test_a_criterion_comment_needs_a_score_and_is_kept_with_it(world):
    actor = actor_of(world.juror)
    with pytest.raises(InvalidInput) as refused:
        scoring.record_criterion_comment(world.session, actor=actor, round_id=world.round.id,
                                         nomination_id=world.candidate.id, criterion_id=world.criteria[0].id,
                                         comment="Flot torv", expected_version=0)
    world.score(4)

    line = scoring.record_criterion_comment(world.session, actor=actor, round_id=world.round.id,
                                            nomination_id=world.candidate.id, criterion_id=world.criteria[0].id,
                                            comment="Flot torv", expected_version=1)

    assert (refused.value.message("da"), line) == (
        "Giv point for «Et attraktivt og gennemtænkt fysisk miljø», før du skriver en kommentar til det.",
        scoring.ScoreLine(value=4, comment="Flot torv", version=2))


# --- Submitting and reopening ---------------------------------------------------------------

def test_a_sheet_is_submitted_only_when_every_criterion_has_a_score_and_the_message_names_the_missing(world):
    for index in range(5):
        world.score(4, criterion=index)

    with pytest.raises(IncompleteSheet) as refused:
        world.submit()

    assert (refused.value.message("da", plain=True), world.sheet().submitted_at) == (
        "Bedømmelsen kan først indsendes, når alle kriterier har point. Mangler: «Klima, biodiversitet og "
        "ressourcer» og «Landsbyens overordnede udvikling».", None)


def test_a_submitted_sheet_is_locked_until_reopened_and_then_takes_changes(world):
    world.score_all(4)
    version = world.submit()
    with pytest.raises(InvalidInput) as refused:
        world.score(5, expected_version=1)

    reopened = scoring.reopen_sheet(world.session, actor=actor_of(world.juror), round_id=world.round.id,
                                    nomination_id=world.candidate.id, expected_version=version)
    world.score(5, expected_version=1)

    assert (refused.value.message("da"), version, reopened, world.sheet().submitted_at,
            world.sheet().scores[world.criteria[0].id].value,
            [new for _, new in _audit(world.session, "sheet.reopened")]) == (
        "Bedømmelsen er indsendt. Genåbn den for at ændre den.", 2, 3, None, 5, ['{"submitted_at": null}'])


def test_the_weighted_total_is_the_weighted_mean_of_the_given_scores():
    assert (scoring.weighted_total({1: 2.0, 2: 1.0, 3: 1.0}, {1: 5, 2: 2, 3: None}),
            scoring.weighted_total({1: 2.0}, {}), scoring.weighted_total({1: 0.0}, {1: 3})) == (4.0, None, None)


# --- Refusals -------------------------------------------------------------------------------

def test_a_save_in_a_closed_round_is_refused_with_a_clear_message(world):
    world.round.closed_at = utcnow()
    world.session.flush()

    with pytest.raises(ScoringClosed) as refused:
        world.score(3)

    assert (refused.value.message("da"), world.session.scalars(select(Score)).all()) == (
        "Bedømmelsesrunden er lukket.", [])


def test_a_closed_round_refuses_submitting_reopening_and_comments_and_keeps_every_sheet(world):
    ids = {"actor": actor_of(world.juror), "round_id": world.round.id, "nomination_id": world.candidate.id}
    world.score_all(4)
    version = world.submit()
    for index in range(6):
        world.score(2, criterion=index, juror=world.colleague, nomination=world.candidate)
    world.round.closed_at = utcnow()
    world.session.flush()
    refusals = []

    for attempt in (lambda: scoring.reopen_sheet(world.session, **ids, expected_version=version),
                    lambda: world.submit(juror=world.colleague),
                    lambda: world.score(5, criterion=6, juror=world.colleague),
                    lambda: scoring.record_criterion_comment(world.session, **(ids | {"actor": actor_of(
                        world.colleague)}), criterion_id=world.criteria[0].id, comment="Sent", expected_version=1),
                    lambda: scoring.record_sheet_comment(world.session, **(ids | {"actor": actor_of(
                        world.colleague)}), comment="Sent", expected_version=1)):
        with pytest.raises(ScoringClosed) as refused:
            attempt()
        refusals.append(refused.value.message("da"))

    assert (refusals, world.sheet().submitted_at is not None, sorted(line.value for line in world.sheet(
        world.colleague).scores.values())) == (["Bedømmelsesrunden er lukket."] * 5, True, [2] * 6)


def test_a_conflicted_juror_cannot_score_or_open_the_candidate(world):
    make_conflict(world.session, juror=world.juror, nomination=world.candidate)

    with pytest.raises(ConflictOfInterest):
        world.score(3)
    with pytest.raises(ConflictOfInterest):
        world.sheet()


def test_a_withdrawn_conflict_no_longer_stops_the_juror(world):
    conflict = make_conflict(world.session, juror=world.juror, nomination=world.candidate)
    conflict.withdrawn_at = utcnow()
    world.session.flush()

    assert world.score(3) == scoring.ScoreLine(value=3, comment="", version=1)


@pytest.mark.parametrize("status", [NominationStatus.INELIGIBLE, NominationStatus.SUBMITTED,
                                    NominationStatus.WITHDRAWN])
def test_a_candidate_that_is_not_eligible_is_not_in_the_round(world, status):
    world.candidate.status = status
    world.session.flush()

    with pytest.raises(NotAllowed):
        world.score(3)


def test_a_candidate_of_another_year_is_not_in_the_round(world):
    later = make_year(world.session, year=2021, phase=Phase.SCREENING)
    stranger = make_nomination(world.session, year=later, body=make_body(world.session, name="LAG Djursland"),
                               name="Kvolsbæk", status=NominationStatus.ELIGIBLE)

    with pytest.raises(NotAllowed):
        world.score(3, nomination=stranger)


def test_in_the_final_round_only_finalists_can_be_scored(session):
    year = make_year(session, phase=Phase.FINAL_ROUND)
    body = make_body(session)
    finalist = make_nomination(session, year=year, body=body, name="Løvel", status=NominationStatus.ELIGIBLE)
    outsider = make_nomination(session, year=year, body=body, name="Skjød", status=NominationStatus.ELIGIBLE)
    make_finalist(session, nomination=finalist)
    juror = make_user(session, role=Role.JUROR)
    final = scoring_round(session, year_id=year.id, kind=RoundKind.FINAL)
    criterion = session.scalars(select(Criterion).where(Criterion.year_id == year.id)).first()

    def score(nomination):
        return scoring.record_score(session, actor=actor_of(juror), round_id=final.id,
                                    nomination_id=nomination.id, criterion_id=criterion.id, value=3,
                                    expected_version=0)

    with pytest.raises(NotAllowed):
        score(outsider)
    assert score(finalist) == scoring.ScoreLine(value=3, comment="", version=1)


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.NOMINATOR])
def test_only_a_juror_saves_scores_on_their_own_sheet(world, role):
    with pytest.raises(NotAllowed):
        world.score(3, juror=make_user(world.session, role=role))


def test_a_jurors_save_never_touches_another_jurors_sheet(world):
    world.score(2, juror=world.colleague)
    world.score(5)

    assert (world.sheet(world.colleague).scores[world.criteria[0].id].value,
            world.sheet().scores[world.criteria[0].id].value) == (2, 5)


# --- Independence ---------------------------------------------------------------------------

def _others(world):
    return scoring.others_scores(world.session, actor=actor_of(world.juror), round_id=world.round.id,
                                 nomination_id=world.candidate.id)


def test_until_release_the_others_scores_stay_hidden_even_after_the_own_sheet(world):
    make_sheet(world.session, round=world.round, juror=world.colleague, nomination=world.candidate)
    world.score_all(4)
    world.submit()

    with pytest.raises(NotAllowed):
        _others(world)


def test_after_release_the_others_scores_are_shown_without_conflicted_jurors(world):
    make_sheet(world.session, round=world.round, juror=world.colleague, nomination=world.candidate,
               values=[2, 3, 4, 5, 1, 2, 3])
    recused = make_user(world.session, role=Role.JUROR, name="Åse Recuseret")
    make_sheet(world.session, round=world.round, juror=recused, nomination=world.candidate)
    make_conflict(world.session, juror=recused, nomination=world.candidate)
    world.round.released_at = utcnow()
    world.session.flush()

    others = _others(world)

    assert (others.scores["juror"].unique().tolist(), others.scores["value"].tolist()) == (
        ["Jens Holm"], [2, 3, 4, 5, 1, 2, 3])


def test_after_own_sheet_the_others_scores_show_once_the_own_sheet_is_submitted(world):
    world.round.independence = Independence.AFTER_OWN_SHEET
    make_sheet(world.session, round=world.round, juror=world.colleague, nomination=world.candidate)
    world.score_all(4)
    with pytest.raises(NotAllowed):
        _others(world)

    world.submit()

    assert _others(world).scores["value"].tolist() == [3] * 7


@pytest.mark.parametrize("reveal", ["released", "after_own_sheet"])
def test_the_others_sheets_in_progress_are_not_shown_only_their_submitted_ones(world, reveal):
    submitted = make_sheet(world.session, round=world.round, juror=world.colleague, nomination=world.candidate,
                           values=[2, 3, 4, 5, 1, 2, 3])
    submitted.comment, submitted.scores[0].comment = "En stærk vision.", "Flot torv."
    drafting = make_user(world.session, role=Role.JUROR, name="Åse Igang")
    draft = make_sheet(world.session, round=world.round, juror=drafting, nomination=world.candidate,
                       values=[5, 5, None, None, None, None, None], submitted=False)
    draft.comment, draft.scores[0].comment = "Udkast: mangler at læse ansøgningen.", "Udkast."
    if reveal == "released":
        world.round.released_at = utcnow()
    else:
        world.round.independence = Independence.AFTER_OWN_SHEET
        world.score_all(4)
        world.submit()
    world.session.flush()

    others = _others(world)

    assert (others.scores.to_dict("records"), others.comments.to_dict("records")) == (
        [{"juror": "Jens Holm", "position": position, "criterion": criterion.title_da, "value": value,
          "comment": "Flot torv." if position == 1 else ""}
         for position, criterion, value in zip(range(1, 8), world.criteria, [2, 3, 4, 5, 1, 2, 3], strict=True)],
        [{"juror": "Jens Holm", "comment": "En stærk vision."}])


def test_a_juror_recused_after_submitting_is_refused_the_others_scores_of_that_candidate(world):
    world.round.independence = Independence.AFTER_OWN_SHEET
    make_sheet(world.session, round=world.round, juror=world.colleague, nomination=world.candidate)
    world.score_all(4)
    world.submit()
    make_conflict(world.session, juror=world.juror, nomination=world.candidate)

    with pytest.raises(ConflictOfInterest):
        _others(world)


# --- Material -------------------------------------------------------------------------------

def test_a_juror_sees_the_material_of_a_candidate_they_may_score(world):
    make_attachment(world.session, nomination=world.candidate, filename="ansøgning.pdf")

    items = material.material_of(world.session, actor=actor_of(world.juror), nomination_id=world.candidate.id)

    assert [item.display_name for item in items] == ["ansøgning.pdf"]


@pytest.mark.parametrize("case", ["conflict", "ineligible", "before_judging"])
def test_a_juror_is_refused_the_material_of_a_candidate_they_may_not_score(world, case):
    if case == "conflict":
        make_conflict(world.session, juror=world.juror, nomination=world.candidate)
    elif case == "ineligible":
        world.candidate.status = NominationStatus.INELIGIBLE
    else:
        world.year.phase = Phase.NOMINATIONS_CLOSED
    world.session.flush()

    with pytest.raises(NotAllowed if case != "conflict" else ConflictOfInterest):
        material.material_of(world.session, actor=actor_of(world.juror), nomination_id=world.candidate.id)
