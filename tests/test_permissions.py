import pytest

from prize.errors import NotAllowed, OutOfPhase
from prize.permissions import Action, can, require, role_may
from prize.phases import Phase
from prize.roles import Role

ANY_PHASE = frozenset(Phase)
JUDGING = frozenset({Phase.SCREENING, Phase.FINAL_ROUND})

# The rule book, written out independently of prize.permissions:
# for each action, the phases in which each role may do it (absent role: never).
EXPECTED: dict[Action, dict[Role, frozenset[Phase]]] = {
    Action.VIEW_OWN_NOMINATIONS: {Role.NOMINATOR: ANY_PHASE, Role.VILLAGE: ANY_PHASE},
    Action.EDIT_NOMINATION: {Role.NOMINATOR: frozenset({Phase.NOMINATIONS_OPEN}),
                             Role.VILLAGE: frozenset({Phase.NOMINATIONS_OPEN})},
    Action.SUBMIT_NOMINATION: {Role.NOMINATOR: frozenset({Phase.NOMINATIONS_OPEN})},
    Action.VIEW_CANDIDATES: {Role.JUROR: ANY_PHASE, Role.SECRETARIAT: ANY_PHASE},
    Action.SCORE: {Role.JUROR: JUDGING},
    Action.DECLARE_CONFLICT: {
        role: frozenset({Phase.NOMINATIONS_CLOSED, Phase.SCREENING, Phase.SHORTLIST, Phase.FINAL_ROUND})
        for role in (Role.JUROR, Role.SECRETARIAT)},
    Action.VIEW_YEAR_OVERVIEW: {Role.SECRETARIAT: ANY_PHASE},
    Action.CREATE_YEAR: {Role.SECRETARIAT: ANY_PHASE},
    Action.MOVE_PHASE: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_USERS: {Role.SECRETARIAT: ANY_PHASE},
    Action.MANAGE_CRITERIA: {Role.SECRETARIAT: frozenset({Phase.DRAFT, Phase.NOMINATIONS_OPEN})},
    Action.EDIT_OWN_PROFILE: {role: ANY_PHASE for role in Role},
}

CASES = [(role, action) for action in Action for role in Role]
GRANTED = [(role, action) for role, action in CASES if role in EXPECTED[action]]
DENIED = [(role, action) for role, action in CASES if role not in EXPECTED[action]]


def _case_id(value):
    return value.value


def test_the_rule_book_covers_every_action():
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize(("role", "action"), CASES, ids=_case_id)
def test_can_allows_exactly_the_phases_of_the_rule_book(role, action):
    allowed = {phase for phase in Phase if can(role, action, phase)}

    assert allowed == EXPECTED[action].get(role, frozenset())


@pytest.mark.parametrize(("role", "action"), CASES, ids=_case_id)
def test_role_may_is_true_when_the_role_may_act_in_some_phase(role, action):
    assert role_may(role, action) is (role in EXPECTED[action])


@pytest.mark.parametrize(("role", "action"), DENIED, ids=_case_id)
def test_require_raises_not_allowed_for_a_role_without_the_right_in_every_phase(role, action):
    raised = {type(_raised_by(role, action, phase)) for phase in Phase}

    assert raised == {NotAllowed}


@pytest.mark.parametrize(("role", "action"), GRANTED, ids=_case_id)
def test_require_raises_out_of_phase_for_the_right_role_in_the_wrong_phase(role, action):
    outcome = {phase: type(_raised_by(role, action, phase)) for phase in Phase}

    assert outcome == {phase: type(None) if phase in EXPECTED[action][role] else OutOfPhase
                       for phase in Phase}


def _raised_by(role: Role, action: Action, phase: Phase) -> Exception | None:
    try:
        require(role, action, phase)
    except (NotAllowed, OutOfPhase) as error:
        return error
    return None


def test_can_takes_roles_and_phases_as_plain_strings():
    assert can("juror", Action.SCORE, "screening") is True


def test_a_phase_bound_action_without_a_phase_is_not_allowed():
    assert can(Role.JUROR, Action.SCORE) is False


def test_an_action_of_any_phase_needs_no_phase():
    assert can(Role.SECRETARIAT, Action.MANAGE_USERS) is True


def test_not_allowed_says_so_in_danish():
    with pytest.raises(NotAllowed) as raised:
        require(Role.NOMINATOR, Action.SCORE, Phase.SCREENING)

    assert raised.value.message("da") == "Du har ikke adgang til denne handling."


def test_out_of_phase_names_the_phase_in_danish():
    with pytest.raises(OutOfPhase) as raised:
        require(Role.JUROR, Action.SCORE, Phase.SHORTLIST)

    assert raised.value.message("da") == "Det kan ikke lade sig gøre, mens året er i fasen «Udvælgelse af finalister»."


def test_out_of_phase_names_the_phase_in_english():
    with pytest.raises(OutOfPhase) as raised:
        require(Role.SECRETARIAT, Action.MANAGE_CRITERIA, Phase.SCREENING)

    assert raised.value.message("en") == "That is not possible while the year is in the phase “Screening round”."


def test_out_of_phase_without_a_phase_shows_a_dash():
    with pytest.raises(OutOfPhase) as raised:
        require(Role.JUROR, Action.SCORE)

    assert raised.value.message("da") == "Det kan ikke lade sig gøre, mens året er i fasen «-»."
