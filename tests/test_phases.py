import pytest

from prize.phases import (IN_COMPETITION, NOMINATION_MOVES, ORDER, NominationStatus, Phase, allowed_moves,
                          is_allowed_move, next_phase)

FORWARD_STEPS = list(zip(ORDER, ORDER[1:]))
SKIPS = [(ORDER[i], ORDER[j]) for i in range(len(ORDER)) for j in range(i + 2, len(ORDER))]


def test_phases_run_from_draft_to_archived_in_this_order():
    assert list(ORDER) == [Phase.DRAFT, Phase.NOMINATIONS_OPEN, Phase.NOMINATIONS_CLOSED, Phase.SCREENING,
                           Phase.SHORTLIST, Phase.FINAL_ROUND, Phase.RECOMMENDATION, Phase.DECIDED,
                           Phase.ARCHIVED]


@pytest.mark.parametrize(("current", "target"), FORWARD_STEPS, ids=lambda phase: phase.value)
def test_a_year_may_move_one_step_forward(current, target):
    assert is_allowed_move(current, target) is True


@pytest.mark.parametrize(("current", "target"), SKIPS, ids=lambda phase: phase.value)
def test_a_year_may_not_skip_a_phase(current, target):
    assert is_allowed_move(current, target) is False


def test_draft_cannot_jump_to_screening():
    assert is_allowed_move(Phase.DRAFT, Phase.SCREENING) is False


@pytest.mark.parametrize(("current", "reopened"), [
    (Phase.NOMINATIONS_CLOSED, Phase.NOMINATIONS_OPEN),
    (Phase.SHORTLIST, Phase.SCREENING),
    (Phase.RECOMMENDATION, Phase.FINAL_ROUND),
], ids=lambda phase: phase.value)
def test_a_phase_that_closed_too_early_may_be_reopened(current, reopened):
    assert is_allowed_move(current, reopened) is True


@pytest.mark.parametrize(("current", "target"), [
    (Phase.NOMINATIONS_OPEN, Phase.DRAFT),
    (Phase.SCREENING, Phase.NOMINATIONS_CLOSED),
    (Phase.FINAL_ROUND, Phase.SHORTLIST),
    (Phase.DECIDED, Phase.RECOMMENDATION),
    (Phase.ARCHIVED, Phase.DECIDED),
    (Phase.SHORTLIST, Phase.NOMINATIONS_OPEN),
], ids=lambda phase: phase.value)
def test_other_moves_backwards_are_refused(current, target):
    assert is_allowed_move(current, target) is False


@pytest.mark.parametrize("phase", list(Phase), ids=lambda phase: phase.value)
def test_a_year_cannot_stay_by_moving_to_its_own_phase(phase):
    assert is_allowed_move(phase, phase) is False


@pytest.mark.parametrize(("phase", "moves"), [
    (Phase.DRAFT, (Phase.NOMINATIONS_OPEN,)),
    (Phase.NOMINATIONS_OPEN, (Phase.NOMINATIONS_CLOSED,)),
    (Phase.NOMINATIONS_CLOSED, (Phase.SCREENING, Phase.NOMINATIONS_OPEN)),
    (Phase.SCREENING, (Phase.SHORTLIST,)),
    (Phase.SHORTLIST, (Phase.FINAL_ROUND, Phase.SCREENING)),
    (Phase.FINAL_ROUND, (Phase.RECOMMENDATION,)),
    (Phase.RECOMMENDATION, (Phase.DECIDED, Phase.FINAL_ROUND)),
    (Phase.DECIDED, (Phase.ARCHIVED,)),
    (Phase.ARCHIVED, ()),
], ids=lambda value: value.value if isinstance(value, Phase) else None)
def test_allowed_moves_list_the_forward_step_first_then_the_reopening(phase, moves):
    assert allowed_moves(phase) == moves


def test_an_archived_year_has_no_next_phase():
    assert next_phase(Phase.ARCHIVED) is None


@pytest.mark.parametrize(("status", "moves"), [
    (NominationStatus.DRAFT, {NominationStatus.SUBMITTED, NominationStatus.WITHDRAWN}),
    (NominationStatus.SUBMITTED, {NominationStatus.ELIGIBLE, NominationStatus.INELIGIBLE,
                                  NominationStatus.DRAFT, NominationStatus.WITHDRAWN}),
    (NominationStatus.ELIGIBLE, {NominationStatus.INELIGIBLE, NominationStatus.WITHDRAWN}),
    (NominationStatus.INELIGIBLE, {NominationStatus.ELIGIBLE}),
    (NominationStatus.WITHDRAWN, set()),
], ids=lambda value: value.value if isinstance(value, NominationStatus) else None)
def test_a_nomination_moves_only_to_the_statuses_its_status_allows(status, moves):
    assert NOMINATION_MOVES[status] == moves


def test_every_nomination_status_has_its_moves_declared():
    assert set(NOMINATION_MOVES) == set(NominationStatus)


def test_only_eligible_candidates_take_part_in_judging():
    assert IN_COMPETITION == {NominationStatus.ELIGIBLE}
